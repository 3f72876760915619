namespace Pinterest.Modular.Application.Analytics;

/// <summary>
/// The nine results kept up to date by the process that serves them (<see cref="ServedAnalytics"/>): a call brings them
/// to the warehouse as it is now, at the cost of what changed since the last call rather than of the whole warehouse.
/// </summary>
public interface IMaintainedAnalytics
{
    /// <summary>All nine, in <see cref="AnalyticsQuery.All"/> order, holding every change committed before the call.</summary>
    Task<IReadOnlyList<AnalyticsResult>> RunAllAsync(CancellationToken cancellationToken);
}
