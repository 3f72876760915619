namespace Pinterest.Modular.Application.Analytics;

/// <summary>
/// One query's table: its columns in the spec's order and its rows, each value a <see cref="string"/>,
/// <see cref="long"/> or null.
/// </summary>
public sealed record AnalyticsResult(string Name, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<object?>> Rows);

/// <summary>Runs the analytics of spec §5 where the data is (as SQL on the warehouse).</summary>
public interface IAnalyticsQueries
{
    Task<AnalyticsResult> RunAsync(string name, CancellationToken cancellationToken);
}

/// <summary>Keeps each batch run's analytics results.</summary>
public interface IAnalyticsResultStore
{
    Task SaveAsync(long runId, IReadOnlyList<AnalyticsResult> results, CancellationToken cancellationToken);

    /// <summary>The results kept by the newest run that kept any.</summary>
    Task<IReadOnlyList<AnalyticsResult>> LatestAsync(CancellationToken cancellationToken);
}
