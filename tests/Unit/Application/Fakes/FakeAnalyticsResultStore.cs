using Pinterest.Modular.Application.Analytics;

namespace Pinterest.Modular.Tests.Unit.Application.Fakes;

/// <summary>Keeps the saved results by run id.</summary>
internal sealed class FakeAnalyticsResultStore : IAnalyticsResultStore
{
    private readonly List<(long RunId, IReadOnlyList<AnalyticsResult> Results)> _saved = [];

    public IReadOnlyList<(long RunId, IReadOnlyList<AnalyticsResult> Results)> Saved => _saved;

    public Task SaveAsync(long runId, IReadOnlyList<AnalyticsResult> results, CancellationToken cancellationToken)
    {
        _saved.Add((runId, results));
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<AnalyticsResult>> LatestAsync(CancellationToken cancellationToken) =>
        Task.FromResult(_saved.Count == 0 ? [] : _saved[^1].Results);
}
