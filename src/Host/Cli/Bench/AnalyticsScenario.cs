using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Pinterest.Modular.Application.Analytics;
using Pinterest.Modular.Application.Emulation;
using Pinterest.Modular.Application.Persistence;

namespace Pinterest.Modular.Host.Cli.Bench;

/// <summary>
/// <c>analytics</c>: seconds for the nine queries over N events (1,000,000 in the full run), against one plain scan of
/// the same three tables joined on <c>ind</c> — the least work any of the queries has to do.
/// </summary>
public static class AnalyticsScenario
{
    public const string Name = "analytics";
    private const int LoadChunk = 50_000;

    public static async Task<BenchResult> RunAsync(string dataDir, bool quick, Action<string> say, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(say);
        long events = quick ? 50_000 : 1_000_000;
        using var host = PipelineHost.Build(new Dictionary<string, string?> { ["Pipeline:DataDir"] = dataDir });
        var services = host.Services;
        var warehouse = services.GetRequiredService<IWarehouse>();
        await warehouse.EnsureCreatedAsync(cancellationToken);
        var rows = await BenchRows.LoadAsync(services.GetRequiredService<ISourceDatabase>(), events, cancellationToken);
        say($"loading {events:N0} events into the warehouse");
        var clean = BenchDataset.Clean(rows, events);
        for (var start = 0; start < clean.Pins.Count; start += LoadChunk)
        {
            CleanedBatch Slice() => new(
                [.. clean.Pins.Skip(start).Take(LoadChunk)], [.. clean.Geos.Skip(start).Take(LoadChunk)], [.. clean.Users.Skip(start).Take(LoadChunk)], []);
            await warehouse.PersistAsync(Slice(), [], cancellationToken);
        }

        say("baseline: one scan of pins ⋈ geo ⋈ users");
        var scan = await ScanAsync(Path.Combine(dataDir, "warehouse.db"), cancellationToken);
        say("measured: the nine queries");
        var queries = services.GetRequiredService<IAnalyticsQueries>();
        var clock = Stopwatch.StartNew();
        foreach (var name in AnalyticsQuery.All)
        {
            await queries.RunAsync(name, cancellationToken);
        }

        var nine = clock.Elapsed;
        return new BenchResult(Name, nine.TotalSeconds, "s", scan.TotalSeconds, "one scan of the three tables joined on ind", new Dictionary<string, object>
        {
            ["events"] = events,
            ["engine"] = "sqlite",
            ["quick"] = quick,
        });
    }

    private static async Task<TimeSpan> ScanAsync(string databaseFile, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection($"Data Source={databaseFile}");
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*), SUM(p.follower_count) FROM pins p JOIN geo g ON g.ind = p.ind JOIN users u ON u.ind = p.ind";
        var clock = Stopwatch.StartNew();
        await command.ExecuteScalarAsync(cancellationToken);
        return clock.Elapsed;
    }
}
