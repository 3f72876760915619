using System.Diagnostics;
using Pinterest.Modular.Application.Batch;
using Pinterest.Modular.Application.Common;
using Pinterest.Modular.Application.Emulation;
using Pinterest.Modular.Application.Landing;
using Pinterest.Modular.Application.Persistence;
using Pinterest.Modular.Application.Routing;
using Pinterest.Modular.Infrastructure.Database;

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
        var landing = services.GetRequiredService<IObjectStore>();
        var routes = services.GetRequiredService<RouteTable>();
        var job = services.GetRequiredService<BatchJob>();

        // Both sides run compiled code: the job on other events first (its own objects, keys after the measured ones),
        // so the measured run is not the JIT's first pass, which a short run would mostly be.
        var warmUpEvents = Math.Min(WarmUpEvents, events);
        say($"warming up: the batch job on {warmUpEvents:N0} other events");
        await BenchDataset.LandAsync(landing, routes, rows, events, warmUpEvents, cancellationToken);
        var warmUp = await job.ExecuteAsync(await job.QueueAsync("bench warm-up", cancellationToken), cancellationToken);
        if (warmUp.Status != BatchRunStatus.Succeeded)
        {
            throw new InvalidOperationException($"the warm-up batch job failed: {warmUp.Error}");
        }

        say($"landing {events:N0} events ({events * 3:N0} rows) in the S3 sink layout");
        await BenchDataset.LandAsync(landing, routes, rows, events, cancellationToken);

        say("measured: the batch job");
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
        var warmUpRows = BenchDataset.Clean(rows, events, warmUpEvents);
        var provider = services.GetRequiredService<DatabaseProvider>();
        var (insert, baselineName) = provider.Name switch
        {
            DatabaseProvider.Sqlite => (await SqliteBaselineAsync(Path.Combine(dataDir, "baseline"), warmUpRows, clean, cancellationToken),
                "bulk insert of the clean rows, one prepared transaction"),
            DatabaseProvider.MySql => (await MySqlBaselineAsync(provider.ConnectionString, warmUpRows, clean, cancellationToken),
                "bulk load (MySqlBulkCopy) of the clean rows into empty tables, one transaction"),
            _ => throw new InvalidOperationException($"bench batch has a baseline for Sqlite and MySql, not {provider.Name}."),
        };
        return new BenchResult(Name, run.RowsUpserted / processing.TotalSeconds, "rows/s", clean.RowCount / insert.TotalSeconds, baselineName, new Dictionary<string, object>
        {
            ["events"] = events,
            ["rows"] = run.RowsUpserted,
            ["objects"] = run.ObjectsRead,
            ["seconds"] = processing.TotalSeconds,
            ["baseline_seconds"] = insert.TotalSeconds,
            ["engine"] = provider.Name.ToLowerInvariant(),
            ["warm_up_events"] = warmUpEvents,
            ["quick"] = quick,
        });
    }

    private const long WarmUpEvents = 2_000;

    private static async Task<TimeSpan> SqliteBaselineAsync(string baselineDir, CleanedBatch warmUp, CleanedBatch clean, CancellationToken cancellationToken)
    {
        using (var baselineHost = PipelineHost.Build(new Dictionary<string, string?> { ["Pipeline:DataDir"] = baselineDir }))
        {
            await baselineHost.Services.GetRequiredService<IWarehouse>().EnsureCreatedAsync(cancellationToken);
        }

        var baselineDatabase = Path.Combine(baselineDir, "warehouse.db");
        await BenchDataset.BulkInsertAsync(baselineDatabase, warmUp, cancellationToken);
        return await BenchDataset.BulkInsertAsync(baselineDatabase, clean, cancellationToken);
    }

    // A fresh database beside the job's on the same server, migrated as the job's was.
    private static async Task<TimeSpan> MySqlBaselineAsync(string warehouse, CleanedBatch warmUp, CleanedBatch clean, CancellationToken cancellationToken)
    {
        var baseline = await MySqlBaseline.FreshDatabaseAsync(warehouse, cancellationToken);
        using (var baselineHost = PipelineHost.Build(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Warehouse"] = baseline,
            ["Database:Migrate"] = "true",
        }))
        {
            await baselineHost.Services.GetRequiredService<IWarehouse>().EnsureCreatedAsync(cancellationToken);
        }

        await MySqlBaseline.BulkInsertAsync(baseline, warmUp, cancellationToken);
        return await MySqlBaseline.BulkInsertAsync(baseline, clean, cancellationToken);
    }

    /// <summary>Notes when the batch job reaches its analytics, so only reading, cleaning and upserting are timed.</summary>
    private sealed class AnalyticsStartTimer : IProgressReporter
    {
        private long _started;
        private long _analytics;

        public TimeSpan UntilAnalytics => Stopwatch.GetElapsedTime(_started, _analytics);

        public void Start()
        {
            _analytics = 0; // a warm-up run reached its analytics before
            _started = Stopwatch.GetTimestamp();
        }

        public void Report(string stage, long done, long? total)
        {
            if (stage == "Analytics" && _analytics == 0)
            {
                _analytics = Stopwatch.GetTimestamp();
            }
        }
    }
}
