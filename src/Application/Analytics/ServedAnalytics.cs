using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pinterest.Modular.Application.Persistence;

namespace Pinterest.Modular.Application.Analytics;

/// <summary>
/// The nine results as the API, the dashboard and the batch job get them: kept in memory, keyed by the warehouse's
/// change counter, so a request when nothing changed costs one counter read. At most one recomputation runs at a
/// time (callers join it). While the warehouse keeps changing, <see cref="GetAsync"/> serves the results it has and
/// starts a recomputation only once <c>Analytics:RefreshSeconds</c> have passed since the last one ended; each
/// snapshot says how old it is (<see cref="AnalyticsSnapshot.AsOf"/>). Before computing, the results another run or
/// host kept for the same warehouse version are taken instead. Computing is <see cref="IMaintainedAnalytics"/>'s: it
/// costs what changed since the last computation.
/// </summary>
public sealed class ServedAnalytics(
    IWarehouseChanges changes,
    IMaintainedAnalytics queries,
    IAnalyticsResultStore store,
    IOptions<AnalyticsOptions> options,
    TimeProvider clock,
    ILogger<ServedAnalytics> logger) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stopping = new();
    private AnalyticsSnapshot? _served;
    private DateTimeOffset _lastRefreshEnded = DateTimeOffset.MinValue;
    private Task<AnalyticsSnapshot>? _refreshing;
    private int _computations;

    /// <summary>How many times the nine were computed here (not taken from the store): for tests and the benchmark.</summary>
    public int Computations
    {
        get
        {
            lock (_gate)
            {
                return _computations;
            }
        }

        private set => _computations = value;
    }

    /// <summary>
    /// For readers that poll (the API, the dashboard): the served results, recomputed in the background when the
    /// warehouse changed and the refresh interval has passed. Only the first request waits for a computation.
    /// </summary>
    public async Task<AnalyticsSnapshot> GetAsync(CancellationToken cancellationToken)
    {
        var version = await changes.ReadAsync(cancellationToken);
        AnalyticsSnapshot? served;
        bool due;
        lock (_gate)
        {
            served = _served;
            due = clock.GetUtcNow() - _lastRefreshEnded >= TimeSpan.FromSeconds(options.Value.RefreshSeconds);
        }

        if (served is null)
        {
            return await RefreshAsync(version).WaitAsync(cancellationToken);
        }

        if (served.WarehouseVersion < version && due)
        {
            _ = RefreshAsync(version); // observed in RunRefreshAsync; this request answers with what is served
        }

        return served;
    }

    /// <summary>
    /// For the batch job: results that hold every change committed before the call, computed now (whatever the refresh
    /// interval) unless the served or the stored ones are already at the warehouse's version.
    /// </summary>
    public async Task<AnalyticsSnapshot> GetCurrentAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var version = await changes.ReadAsync(cancellationToken);
            AnalyticsSnapshot? served;
            lock (_gate)
            {
                served = _served;
            }

            if (served is not null && served.WarehouseVersion >= version)
            {
                return served;
            }

            // A recomputation already running may have read the counter before the latest change: then go again.
            var snapshot = await RefreshAsync(version).WaitAsync(cancellationToken);
            if (snapshot.WarehouseVersion >= version)
            {
                return snapshot;
            }
        }
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    /// <summary>Starts a recomputation at <paramref name="version"/>, or joins the one running (single flight).</summary>
    private Task<AnalyticsSnapshot> RefreshAsync(long version)
    {
        lock (_gate)
        {
            // Task.Run: the refresh's own end takes the gate, so it cannot clear _refreshing before it is set here.
            return _refreshing ??= Task.Run(() => RunRefreshAsync(version), CancellationToken.None);
        }
    }

    private async Task<AnalyticsSnapshot> RunRefreshAsync(long version)
    {
        try
        {
            var stored = await store.FindAsync(version, _stopping.Token);
            var snapshot = stored ?? await ComputeAsync(version, _stopping.Token);
            lock (_gate)
            {
                if (_served is null || snapshot.WarehouseVersion >= _served.WarehouseVersion)
                {
                    _served = snapshot;
                }

                // Counted once served, so whoever sees the count sees the results too.
                Computations += stored is null ? 1 : 0;
            }

            return snapshot;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !_stopping.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Recomputing the analytics failed; the previous results stay served");
            throw;
        }
        finally
        {
            lock (_gate)
            {
                _refreshing = null;
                _lastRefreshEnded = clock.GetUtcNow();
            }
        }
    }

    private async Task<AnalyticsSnapshot> ComputeAsync(long version, CancellationToken cancellationToken)
    {
        var asOf = clock.GetUtcNow();
        var results = await queries.RunAllAsync(cancellationToken);
        return new AnalyticsSnapshot(version, asOf, results);
    }
}
