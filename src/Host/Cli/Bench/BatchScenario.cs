using System.Diagnostics;
using Pinterest.Modular.Application.Batch;
using Pinterest.Modular.Application.Common;
using Pinterest.Modular.Application.Emulation;
using Pinterest.Modular.Application.Landing;
using Pinterest.Modular.Application.Persistence;
using Pinterest.Modular.Application.Routing;

namespace Pinterest.Modular.Host.Cli.Bench;

/// <summary>
/// <c>batch</c>: rows/s of the batch job (read landing objects, clean, upsert; the analytics after it are not counted)
/// against a bulk insert of the same already-clean rows into a fresh warehouse of the same engine.
/// </summary>
public static class BatchScenario
{
    public const string Name = "batch";

    public static async Task<BenchResult> RunAsync(string dataDir, bool quick, Action<string> say, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(say);
        long events = quick ? 20_000 : 1_000_000;
        var timer = new AnalyticsStartTimer();
        using var host = PipelineHost.Build(new Dictionary<string, string?> { ["Pipeline:DataDir"] = Path.Combine(dataDir, "job") }, timer);
        var services = host.Services;
        await services.GetRequiredService<IWarehouse>().EnsureCreatedAsync(cancellationToken);
        var rows = await BenchRows.LoadAsync(services.GetRequiredService<ISourceDatabase>(), events, cancellationToken);
        say($"landing {events:N0} events ({events * 3:N0} rows) in the S3 sink layout");
        await BenchDataset.LandAsync(services.GetRequiredService<IObjectStore>(), services.GetRequiredService<RouteTable>(), rows, events, cancellationToken);

        say("measured: the batch job");
        var job = services.GetRequiredService<BatchJob>();
        var run = await job.QueueAsync("bench", cancellationToken);
        timer.Start();
        run = await job.ExecuteAsync(run, cancellationToken);
        if (run.Status != BatchRunStatus.Succeeded)
        {
            throw new InvalidOperationException($"the batch job failed: {run.Error}");
        }

        var processing = timer.UntilAnalytics;

        say("baseline: bulk insert of the same clean rows");
        var clean = BenchDataset.Clean(rows, events);
        var baselineDir = Path.Combine(dataDir, "baseline");
        using (var baselineHost = PipelineHost.Build(new Dictionary<string, string?> { ["Pipeline:DataDir"] = baselineDir }))
        {
            await baselineHost.Services.GetRequiredService<IWarehouse>().EnsureCreatedAsync(cancellationToken);
        }

        var insert = await BenchDataset.BulkInsertAsync(Path.Combine(baselineDir, "warehouse.db"), clean, cancellationToken);
        return new BenchResult(Name, run.RowsUpserted / processing.TotalSeconds, "rows/s", clean.RowCount / insert.TotalSeconds, "bulk insert of the clean rows, one prepared transaction", new Dictionary<string, object>
        {
            ["events"] = events,
            ["rows"] = run.RowsUpserted,
            ["objects"] = run.ObjectsRead,
            ["seconds"] = processing.TotalSeconds,
            ["baseline_seconds"] = insert.TotalSeconds,
            ["engine"] = "sqlite",
            ["quick"] = quick,
        });
    }

    /// <summary>Notes when the batch job reaches its analytics, so only reading, cleaning and upserting are timed.</summary>
    private sealed class AnalyticsStartTimer : IProgressReporter
    {
        private long _started;
        private long _analytics;

        public TimeSpan UntilAnalytics => Stopwatch.GetElapsedTime(_started, _analytics);

        public void Start() => _started = Stopwatch.GetTimestamp();

        public void Report(string stage, long done, long? total)
        {
            if (stage == "Analytics" && _analytics == 0)
            {
                _analytics = Stopwatch.GetTimestamp();
            }
        }
    }
}
