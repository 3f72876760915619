using Pinterest.Modular.Application.Analytics;

namespace Pinterest.Modular.Tests.Unit.Application.Fakes;

/// <summary>Answers every query with a one-row table named after it, and remembers the order of the calls.</summary>
internal sealed class FakeAnalyticsQueries : IAnalyticsQueries
{
    private readonly List<string> _ran = [];

    public IReadOnlyList<string> Ran => _ran;

    public Task<AnalyticsResult> RunAsync(string name, CancellationToken cancellationToken)
    {
        _ran.Add(name);
        return Task.FromResult(new AnalyticsResult(name, ["name"], [[name]]));
    }

    public async Task<IReadOnlyList<AnalyticsResult>> RunAllAsync(CancellationToken cancellationToken)
    {
        var results = new List<AnalyticsResult>();
        foreach (var name in AnalyticsQuery.All)
        {
            results.Add(await RunAsync(name, cancellationToken));
        }

        return results;
    }
}
