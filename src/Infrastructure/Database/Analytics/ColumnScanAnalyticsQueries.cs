using Microsoft.EntityFrameworkCore;
using Pinterest.Modular.Application.Analytics;

namespace Pinterest.Modular.Infrastructure.Database.Analytics;

/// <summary>
/// The nine analytics from one read of the columns they need (<see cref="AnalyticsColumns"/>, the three tables read
/// in one snapshot, no join in SQL; on SQLite through its C interface), computed in memory by <see cref="NineAnalytics"/>: the same code on every engine,
/// so every engine gives the same answers. <see cref="SqlAnalyticsQueries"/> is the SQL it is checked against.
/// </summary>
public sealed class ColumnScanAnalyticsQueries(IDbContextFactory<WarehouseDbContext> contexts, DatabaseProvider provider)
    : IAnalyticsQueries
{
    private TableSizes? lastRead;

    /// <summary>One of the nine; costs the read of all nine (the read is most of the work).</summary>
    public async Task<AnalyticsResult> RunAsync(string name, CancellationToken cancellationToken)
    {
        if (!AnalyticsQuery.IsKnown(name))
        {
            throw AnalyticsRules.UnknownQuery(name);
        }

        var all = await RunAllAsync(cancellationToken);
        return all.Single(result => string.Equals(result.Name, name, StringComparison.Ordinal));
    }

    public async Task<IReadOnlyList<AnalyticsResult>> RunAllAsync(CancellationToken cancellationToken) =>
        NineAnalytics.Compute(await ReadAsync(cancellationToken));

    private async Task<AnalyticsColumns> ReadAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        var columns = new AnalyticsColumns();
        if (lastRead is { } sizes)
        {
            columns.Reserve(sizes.Pins, sizes.Geo, sizes.Users);
        }

        await provider.ReadAnalyticsColumnsAsync(db.Database.GetDbConnection(), columns, cancellationToken);

        columns.SortByInd();
        lastRead = new TableSizes(columns.Pins.Count, columns.Geo.Count, columns.Users.Count);
        return columns;
    }

    // One reference, so a read running beside another never sees half of one.
    private sealed record TableSizes(int Pins, int Geo, int Users);
}
