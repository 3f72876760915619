namespace Pinterest.Modular.Application.Analytics;

/// <summary>
/// One query's table: its columns in the spec's order and its rows, each value a <see cref="string"/>,
/// <see cref="long"/> or null.
/// </summary>
public sealed record AnalyticsResult(string Name, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<object?>> Rows);

/// <summary>Computes the analytics of spec §5 on the warehouse as it is now.</summary>
public interface IAnalyticsQueries
{
    /// <summary>One of <see cref="AnalyticsQuery.All"/>; an unknown name is an <see cref="ArgumentException"/>.</summary>
    Task<AnalyticsResult> RunAsync(string name, CancellationToken cancellationToken);

    /// <summary>All nine, in <see cref="AnalyticsQuery.All"/> order, from one consistent state of the warehouse.</summary>
    Task<IReadOnlyList<AnalyticsResult>> RunAllAsync(CancellationToken cancellationToken);
}

/// <summary>Keeps each batch run's analytics results, with the warehouse version they were computed at.</summary>
public interface IAnalyticsResultStore
{
    Task SaveAsync(long runId, AnalyticsSnapshot snapshot, CancellationToken cancellationToken);

    /// <summary>
    /// The newest run's results kept at exactly this warehouse version, all nine of them, or null: what another run or
    /// host computed for the warehouse as it is, so they need not be computed again.
    /// </summary>
    Task<AnalyticsSnapshot?> FindAsync(long warehouseVersion, CancellationToken cancellationToken);

    /// <summary>The results kept by the newest run that kept any.</summary>
    Task<IReadOnlyList<AnalyticsResult>> LatestAsync(CancellationToken cancellationToken);
}
