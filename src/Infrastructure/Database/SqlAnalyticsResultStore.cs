using Microsoft.EntityFrameworkCore;
using Pinterest.Modular.Application.Analytics;
using Pinterest.Modular.Infrastructure.Database.Rows;

namespace Pinterest.Modular.Infrastructure.Database;

/// <summary>Analytics results in table <c>analytics_results</c>, one row per run and query.</summary>
public sealed class SqlAnalyticsResultStore(IDbContextFactory<WarehouseDbContext> contexts, TimeProvider time)
    : IAnalyticsResultStore
{
    /// <summary>Replaces what the run kept under the same names, so a retried run does not fail on its own rows.</summary>
    public async Task SaveAsync(long runId, IReadOnlyList<AnalyticsResult> results, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(results);
        if (results.Count == 0)
        {
            return;
        }

        var computedAt = time.GetUtcNow().UtcDateTime;
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

    private static int SpecOrder(string name)
    {
        var index = AnalyticsQuery.All.ToList().IndexOf(name);
        return index < 0 ? int.MaxValue : index;
    }
}
