using Pinterest.Modular.Application.Analytics;

namespace Pinterest.Modular.Tests.Unit.Application.Fakes;

/// <summary>
/// Answers every query with a one-row table naming it and the computation it belongs to, remembers the order of the
/// calls, and can be held (<see cref="Hold"/>) so a test can pile requests onto a computation in progress.
/// </summary>
internal sealed class FakeAnalyticsQueries : IAnalyticsQueries, IMaintainedAnalytics
{
    private readonly Lock _gate = new();
    private readonly List<string> _ran = [];
    private int _started;

    public IReadOnlyList<string> Ran
    {
        get
        {
            lock (_gate)
            {
                return [.. _ran];
            }
        }
    }

    /// <summary>Every query waits for this task first (completed: no wait).</summary>
    public Task Hold { get; set; } = Task.CompletedTask;

    /// <summary>How many queries are waiting on <see cref="Hold"/> or answered.</summary>
    public int Started => Volatile.Read(ref _started);

    public async Task<AnalyticsResult> RunAsync(string name, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _started);
        await Hold.WaitAsync(cancellationToken);
        lock (_gate)
        {
            _ran.Add(name);
            return new AnalyticsResult(name, ["name", "call"], [[name, (long)_ran.Count]]);
        }
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
