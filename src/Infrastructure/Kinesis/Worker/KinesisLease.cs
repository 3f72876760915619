using Pinterest.Modular.Application.Scheduling;

namespace Pinterest.Modular.Infrastructure.Kinesis.Worker;

/// <summary>
/// One lease the worker holds (a shard's or its own presence), renewed by whoever uses it. A renewal that succeeds at
/// time t means no other host can take the lease before t + duration (hosts' clocks agreeing, as NTP keeps them), which
/// is what makes a checkpoint written right after it safe.
/// </summary>
public sealed class KinesisLease(ILeaseStore store, TimeProvider clock, string name, string owner, TimeSpan duration)
{
    public string Name { get; } = name;

    public string Owner { get; } = owner;

    /// <summary>When the last acquisition or renewal succeeded.</summary>
    public DateTimeOffset RenewedAt { get; private set; } = DateTimeOffset.MinValue;

    /// <summary>Until when no other host can hold it, as far as this host knows.</summary>
    public DateTimeOffset ExpiresAt => RenewedAt == DateTimeOffset.MinValue ? RenewedAt : RenewedAt + duration;

    public bool RenewDue => clock.GetUtcNow() - RenewedAt >= duration / 3;

    /// <summary>Takes it if free, expired or already ours.</summary>
    public async Task<bool> TryAcquireAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (!await store.TryAcquireAsync(Name, Owner, now, now + duration, cancellationToken))
        {
            return false;
        }

        RenewedAt = now;
        return true;
    }

    /// <summary>False when another host has taken it over: the work it guards must stop, storing nothing more.</summary>
    public async Task<bool> RenewAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (!await store.RenewAsync(Name, Owner, now + duration, cancellationToken))
        {
            return false;
        }

        RenewedAt = now;
        return true;
    }

    public Task ReleaseAsync(CancellationToken cancellationToken) => store.ReleaseAsync(Name, Owner, cancellationToken);
}
