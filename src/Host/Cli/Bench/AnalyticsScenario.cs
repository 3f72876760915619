using System.Diagnostics;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Pinterest.Modular.Application.Analytics;
using Pinterest.Modular.Application.Emulation;
using Pinterest.Modular.Application.Persistence;
using Pinterest.Modular.Infrastructure.Database;

namespace Pinterest.Modular.Host.Cli.Bench;

/// <summary>
/// <c>analytics</c>: seconds for the nine analytics over N events (1,000,000 in the full run) on an open host (warm,
/// the median of three runs after a first one), and from a fresh process (<c>query</c> of all nine, cold), against
/// the same nine answers computed by DuckDB over the same rows in memory (the median of three after a first one).
/// Both answers are compared. The warehouse is the configured one (<c>Database:Provider</c>); one that already holds
/// exactly N events is reused.
/// </summary>
public static class AnalyticsScenario
{
    public const string Name = "analytics";
    private const int LoadChunk = 50_000;
    private const int Runs = 3;

    public static async Task<BenchResult> RunAsync(string dataDir, bool quick, bool referenceSql, Action<string> say, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(say);
        long events = quick ? 50_000 : 1_000_000;
        using var host = PipelineHost.Build(new Dictionary<string, string?> { ["Pipeline:DataDir"] = dataDir });
        var services = host.Services;
        var provider = services.GetRequiredService<DatabaseProvider>();
        await LoadAsync(services, events, say, cancellationToken);

        var queries = services.GetRequiredService<IAnalyticsQueries>();
        say("measured: the nine on this open host (a first run, then three)");
        var (first, warm, warmCpu, answers) = await TimeAsync(() => queries.RunAllAsync(cancellationToken));
        say($"first {first.TotalSeconds:F3} s, warm median {warm.TotalSeconds:F3} s ({warmCpu.TotalSeconds:F3} s of CPU)");

        say("measured: query of all nine from a fresh process (cold)");
        var (cold, coldOutput) = await RunColdQueryAsync(dataDir, cancellationToken);
        var coldAgrees = string.Equals(coldOutput.Trim(), ResultWriter.ToJson(answers).Trim(), StringComparison.Ordinal);
        say($"cold {cold.TotalSeconds:F3} s, same answers: {coldAgrees}");

        say("baseline: the nine in DuckDB over the same rows in memory");
        TimeSpan duckFirst, duckWarm, duckCpu;
        IReadOnlyList<AnalyticsResult> duckAnswers;
        await using (var db = await services.GetRequiredService<IDbContextFactory<WarehouseDbContext>>().CreateDbContextAsync(cancellationToken))
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            await using var duck = await DuckDbAnalytics.LoadAsync(db.Database.GetDbConnection(), cancellationToken);
            (duckFirst, duckWarm, duckCpu, duckAnswers) = await TimeAsync(() => duck.RunAllAsync(cancellationToken));
        }

        var duckAgrees = ResultWriter.ToJson(duckAnswers) == ResultWriter.ToJson(answers);
        say($"DuckDB first {duckFirst.TotalSeconds:F3} s, median {duckWarm.TotalSeconds:F3} s ({duckCpu.TotalSeconds:F3} s of CPU), same answers: {duckAgrees}");

        var details = new Dictionary<string, object>
        {
            ["events"] = events,
            ["engine"] = provider.Name,
            ["quick"] = quick,
            ["first_s"] = first.TotalSeconds,
            ["warm_cpu_s"] = warmCpu.TotalSeconds,
            ["duckdb_cpu_s"] = duckCpu.TotalSeconds,
            ["cold_query_s"] = cold.TotalSeconds,
            ["cold_answers_match"] = coldAgrees,
            ["duckdb_answers_match"] = duckAgrees,
        };
        if (referenceSql)
        {
            say("also: the nine as one SQL statement each (the reference SQL)");
            var reference = services.GetRequiredService<SqlAnalyticsQueries>();
            var referenceAnswers = new List<AnalyticsResult>();
            var total = TimeSpan.Zero;
            foreach (var query in AnalyticsQuery.All)
            {
                var clock = Stopwatch.StartNew();
                referenceAnswers.Add(await reference.RunAsync(query, cancellationToken));
                total += clock.Elapsed;
                say($"reference SQL {query}: {clock.Elapsed.TotalSeconds:F3} s");
            }

            details["reference_sql_s"] = total.TotalSeconds;
            details["reference_sql_answers_match"] = ResultWriter.ToJson(referenceAnswers) == ResultWriter.ToJson(answers);
            say($"reference SQL, the nine: {total.TotalSeconds:F3} s");
        }

        details["peak_rss_mb"] = Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024);
        return new BenchResult(Name, warm.TotalSeconds, "s", duckWarm.TotalSeconds, "the nine in DuckDB over the same rows in memory", details);
    }

    // Fills the warehouse with N events unless it holds exactly that many already, in chunks so memory stays flat.
    private static async Task LoadAsync(IServiceProvider services, long events, Action<string> say, CancellationToken cancellationToken)
    {
        var warehouse = services.GetRequiredService<IWarehouse>();
        await warehouse.EnsureCreatedAsync(cancellationToken);
        await using (var db = await services.GetRequiredService<IDbContextFactory<WarehouseDbContext>>().CreateDbContextAsync(cancellationToken))
        {
            var pins = await db.Pins.LongCountAsync(cancellationToken);
            var geo = await db.Geo.LongCountAsync(cancellationToken);
            var users = await db.Users.LongCountAsync(cancellationToken);
            if (pins == events && geo == events && users == events)
            {
                say($"reusing the warehouse's {events:N0} events");
                return;
            }

            if (pins + geo + users > 0)
            {
                throw new InvalidOperationException(
                    $"The warehouse holds {pins:N0} pins, {geo:N0} geo and {users:N0} users rows, not {events:N0} events each: give an empty --data-dir or database.");
            }
        }

        var rows = await BenchRows.LoadAsync(services.GetRequiredService<ISourceDatabase>(), events, cancellationToken);
        say($"loading {events:N0} events into the warehouse");
        for (long start = 0; start < events; start += LoadChunk)
        {
            await warehouse.PersistAsync(BenchDataset.Clean(rows, start, Math.Min(LoadChunk, events - start)), [], cancellationToken);
        }
    }

    // A first run (JIT, caches), then the median of three, with the process's CPU time per run (the figure that travels
    // on a loaded machine: it counts the work, not the wait for a core).
    private static async Task<(TimeSpan First, TimeSpan Median, TimeSpan MedianCpu, IReadOnlyList<AnalyticsResult> Answers)> TimeAsync(
        Func<Task<IReadOnlyList<AnalyticsResult>>> run)
    {
        var clock = Stopwatch.StartNew();
        var answers = await run();
        var first = clock.Elapsed;
        var times = new List<TimeSpan>(Runs);
        var cpuTimes = new List<TimeSpan>(Runs);
        using var self = Process.GetCurrentProcess();
        for (var i = 0; i < Runs; i++)
        {
            self.Refresh();
            var cpu = self.TotalProcessorTime;
            clock.Restart();
            answers = await run();
            times.Add(clock.Elapsed);
            self.Refresh();
            cpuTimes.Add(self.TotalProcessorTime - cpu);
        }

        times.Sort();
        cpuTimes.Sort();
        return (first, times[Runs / 2], cpuTimes[Runs / 2], answers);
    }

    // This same program in a new process: `dotnet <dll> query ...` when run by dotnet, the executable otherwise.
    private static async Task<(TimeSpan Elapsed, string Output)> RunColdQueryAsync(string dataDir, CancellationToken cancellationToken)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("The process path is unknown.");
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        }

        foreach (var argument in (string[])["query", "--data-dir", dataDir, "--format", "json"])
        {
            start.ArgumentList.Add(argument);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {self}.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var elapsed = clock.Elapsed;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"query exited with {process.ExitCode}: {await errors}");
        }

        return (elapsed, await output);
    }
}
