using Microsoft.Extensions.Logging;
using Pinterest.Modular.Application.Common;

namespace Pinterest.Modular.Application.Scheduling;

/// <summary>
/// Takes named leases in the shared database, so that work guarded by one runs on one host at a time. Each
/// acquisition has its own owner id (this host's name and a random part, <see cref="HostIdentity.NewLeaseOwner"/>), so
/// two callers in one process exclude each other as two hosts do, the cluster view can tell which host holds a lease,
/// and each has its own duration (how long a crashed holder blocks the others). Time comes from the
/// <see cref="TimeProvider"/>; hosts' clocks should agree to well within a lease's duration (NTP does).
/// </summary>
public sealed class Leases(ILeaseStore store, HostIdentity host, TimeProvider clock, ILogger<Leases> logger)
{
    /// <summary>The duration of a lease unless its user configures another.</summary>
    public static readonly TimeSpan DefaultDuration = TimeSpan.FromMinutes(1);

    /// <summary>How often a waiting caller asks again.</summary>
    public static readonly TimeSpan WaitInterval = TimeSpan.FromSeconds(2);

    private readonly string _claimOwner = host.NewLeaseOwner();

    /// <summary>
    /// The lease for <paramref name="duration"/> (renewed while held) if it is free or expired, else null at once. A
    /// lease someone else holds is seen with a read, so waiting callers do not write to the database every time.
    /// </summary>
    public async Task<HeldLease?> TryAcquireAsync(string name, TimeSpan duration, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        var before = await store.FindAsync(name, cancellationToken);
        var now = clock.GetUtcNow();
        if (before is not null && before.ExpiresAt > now)
        {
            return null;
        }

        var owner = host.NewLeaseOwner();
        var expiresAt = now + duration;
        return await store.TryAcquireAsync(name, owner, now, expiresAt, cancellationToken)
            ? new HeldLease(store, clock, logger, name, owner, duration, expiresAt, before)
            : null;
    }

    /// <summary>Waits until the lease is free, then takes it; <paramref name="waiting"/> is told once if it has to wait.</summary>
    public async Task<HeldLease> AcquireAsync(string name, TimeSpan duration, Action<LeaseState?>? waiting, CancellationToken cancellationToken)
    {
        var told = false;
        while (true)
        {
            if (await TryAcquireAsync(name, duration, cancellationToken) is { } lease)
            {
                return lease;
            }

            if (!told)
            {
                var holder = await store.FindAsync(name, cancellationToken);
                logger.LogInformation(
                    "Waiting for lease {Lease}, held by {Owner} until {ExpiresAt:u} unless renewed", name, holder?.Owner, holder?.ExpiresAt);
                waiting?.Invoke(holder);
                told = true;
            }

            await Task.Delay(WaitInterval, clock, cancellationToken);
        }
    }

    /// <summary>
    /// Claims one occurrence of a schedule for this process; every other host claiming the same occurrence gets false.
    /// The claim is a lease that starts at the occurrence and lasts <paramref name="resolution"/> (the shortest gap
    /// between occurrences), so it blocks exactly that occurrence and not the next one, whatever each host's clock says.
    /// </summary>
    public Task<bool> TryClaimAsync(string name, DateTimeOffset occurrence, TimeSpan resolution, CancellationToken cancellationToken) =>
        store.TryAcquireAsync(name, _claimOwner, occurrence, occurrence + resolution, cancellationToken);
}
