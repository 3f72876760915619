using Microsoft.EntityFrameworkCore;
using Pinterest.Modular.Application.Analytics;
using Pinterest.Modular.Infrastructure.Database.Rows;

namespace Pinterest.Modular.Infrastructure.Database;

/// <summary>
/// Analytics results in table <c>analytics_results</c>, one row per run and query, with the warehouse version and the
/// time (<c>computed_at</c>: the snapshot's as-of) they were computed at.
/// </summary>
public sealed class SqlAnalyticsResultStore(IDbContextFactory<WarehouseDbContext> contexts)
    : IAnalyticsResultStore
{
    /// <summary>Replaces what the run kept under the same names, so a retried run does not fail on its own rows.</summary>
    public async Task SaveAsync(long runId, AnalyticsSnapshot snapshot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var results = snapshot.Results;
        if (results.Count == 0)
        {
            return;
        }

        var computedAt = snapshot.AsOf.UtcDateTime;
        var names = results.Select(result => result.Name).ToList();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.AnalyticsResults
            .Where(row => row.RunId == runId && names.Contains(row.Name))
            .ExecuteDeleteAsync(cancellationToken);
        db.AnalyticsResults.AddRange(results.Select(result => new AnalyticsResultRow
        {
            RunId = runId,
            Name = result.Name,
            ComputedAt = computedAt,
            WarehouseVersion = snapshot.WarehouseVersion,
            ResultJson = AnalyticsResultJson.Write(result),
        }));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The results of the highest run id that kept any, in the spec's query order.</summary>
    public async Task<IReadOnlyList<AnalyticsResult>> LatestAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var latestRun = await db.AnalyticsResults.MaxAsync(row => (long?)row.RunId, cancellationToken);
        if (latestRun is not { } runId)
        {
            return [];
        }

        var rows = await db.AnalyticsResults.AsNoTracking()
            .Where(row => row.RunId == runId)
            .ToListAsync(cancellationToken);
        return rows
            .OrderBy(row => SpecOrder(row.Name))
            .ThenBy(row => row.Name, StringComparer.Ordinal)
            .Select(row => AnalyticsResultJson.Read(row.Name, row.ResultJson))
            .ToList();
    }

    /// <summary>The highest run's nine results kept at this version; null when no run kept all nine at it.</summary>
    public async Task<AnalyticsSnapshot?> FindAsync(long warehouseVersion, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var runId = await db.AnalyticsResults
            .Where(row => row.WarehouseVersion == warehouseVersion)
            .MaxAsync(row => (long?)row.RunId, cancellationToken);
        if (runId is null)
        {
            return null;
        }

        var rows = await db.AnalyticsResults.AsNoTracking()
            .Where(row => row.RunId == runId && row.WarehouseVersion == warehouseVersion)
            .ToListAsync(cancellationToken);
        if (!AnalyticsQuery.All.All(name => rows.Exists(row => row.Name == name)))
        {
            return null;
        }

        var results = AnalyticsQuery.All.Select(name => AnalyticsResultJson.Read(name, rows.First(row => row.Name == name).ResultJson)).ToList();
        return new AnalyticsSnapshot(warehouseVersion, new DateTimeOffset(rows.Min(row => row.ComputedAt), TimeSpan.Zero), results);
    }

    private static int SpecOrder(string name)
    {
        var index = AnalyticsQuery.All.ToList().IndexOf(name);
        return index < 0 ? int.MaxValue : index;
    }
}
