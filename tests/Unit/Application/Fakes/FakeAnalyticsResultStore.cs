using Pinterest.Modular.Application.Analytics;

namespace Pinterest.Modular.Tests.Unit.Application.Fakes;

/// <summary>Keeps the saved snapshots by run id, and finds the newest one at a warehouse version.</summary>
internal sealed class FakeAnalyticsResultStore : IAnalyticsResultStore
{
    private readonly Lock _gate = new();
    private readonly List<(long RunId, AnalyticsSnapshot Snapshot)> _saved = [];

    public IReadOnlyList<(long RunId, IReadOnlyList<AnalyticsResult> Results)> Saved
    {
        get
        {
            lock (_gate)
            {
                return [.. _saved.Select(saved => (saved.RunId, saved.Snapshot.Results))];
            }
        }
    }

    public Task SaveAsync(long runId, AnalyticsSnapshot snapshot, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _saved.Add((runId, snapshot));
        }

        return Task.CompletedTask;
    }

    public Task<AnalyticsSnapshot?> FindAsync(long warehouseVersion, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<AnalyticsSnapshot?>(_saved.LastOrDefault(saved => saved.Snapshot.WarehouseVersion == warehouseVersion).Snapshot);
        }
    }

    public Task<IReadOnlyList<AnalyticsResult>> LatestAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_saved.Count == 0 ? [] : _saved[^1].Snapshot.Results);
        }
    }
}
