using Microsoft.Extensions.Logging;

namespace Pinterest.Modular.Application.Scheduling;

/// <summary>
/// A lease this process holds: renewed in the background until disposed, then released. If a renewal finds that
/// another host took the lease over (this process stalled past the expiry), <see cref="Lost"/> is cancelled so the
/// work it guards stops instead of overlapping with the new holder's. It is renewed every third of its duration, so one
/// missed renewal does not lose it.
/// </summary>
public sealed class HeldLease : IAsyncDisposable
{
    private readonly ILeaseStore _store;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _lost = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renewing;

    internal HeldLease(
        ILeaseStore store, TimeProvider clock, ILogger logger, string name, string owner, TimeSpan duration, DateTimeOffset expiresAt, LeaseState? takenOver)
    {
        _store = store;
        _clock = clock;
        _logger = logger;
        Name = name;
        Owner = owner;
        Duration = duration;
        TakenOver = takenOver;
        _renewing = RenewAsync(expiresAt);
    }

    public string Name { get; }

    public string Owner { get; }

    /// <summary>How long the lease lasts past each renewal.</summary>
    public TimeSpan Duration { get; }

    /// <summary>How often it is renewed: a third of <see cref="Duration"/>.</summary>
    public TimeSpan RenewEvery => Duration / 3;

    /// <summary>
    /// The lease as a previous holder left it, when that holder never gave it back (it stopped, or lost the database)
    /// and it lapsed: its last renewal tells when that holder was last alive. Null when the lease was free.
    /// </summary>
    public LeaseState? TakenOver { get; }

    /// <summary>Cancelled when another host has taken the lease over.</summary>
    public CancellationToken Lost => _lost.Token;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _renewing;
        if (!_lost.IsCancellationRequested)
        {
            try
            {
                await _store.ReleaseAsync(Name, Owner, CancellationToken.None);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Not fatal: the lease lapses by itself at its expiry.
                _logger.LogWarning(ex, "Could not release lease {Lease}; it expires by itself", Name);
            }
        }

        _stop.Dispose();
        _lost.Dispose();
    }

    private async Task RenewAsync(DateTimeOffset expiresAt)
    {
        try
        {
            while (true)
            {
                await Task.Delay(RenewEvery, _clock, _stop.Token);
                var now = _clock.GetUtcNow();
                try
                {
                    if (!await _store.RenewAsync(Name, Owner, now + Duration, _stop.Token))
                    {
                        _logger.LogError("Lease {Lease} was taken over by another host; stopping the work it guards", Name);
                        await _lost.CancelAsync();
                        return;
                    }

                    expiresAt = now + Duration;
                }
                catch (Exception ex) when (ex is not OperationCanceledException && now < expiresAt)
                {
                    // The database may be briefly unavailable; the lease is still ours until it expires.
                    _logger.LogWarning(ex, "Could not renew lease {Lease}; trying again", Name);
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Disposed: the work is done.
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Lease {Lease} could not be renewed before it expired; stopping the work it guards", Name);
            await _lost.CancelAsync();
        }
    }
}
