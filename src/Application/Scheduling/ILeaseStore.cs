namespace Pinterest.Modular.Application.Scheduling;

/// <summary>Who holds a named lease, and until when.</summary>
public sealed record LeaseState(string Name, string Owner, DateTimeOffset ExpiresAt);

/// <summary>
/// Named leases in the database every host shares. Each call is one compare-and-set, so two hosts racing for the same
/// lease cannot both win it.
/// </summary>
public interface ILeaseStore
{
    /// <summary>
    /// Takes the lease until <paramref name="expiresAt"/> when nobody holds it, <paramref name="owner"/> holds it
    /// already, or it expired at or before <paramref name="now"/>; false when someone else holds it.
    /// </summary>
    Task<bool> TryAcquireAsync(string name, string owner, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>Moves the expiry while <paramref name="owner"/> still holds the lease; false when it was taken over.</summary>
    Task<bool> RenewAsync(string name, string owner, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>Gives the lease up if <paramref name="owner"/> still holds it.</summary>
    Task ReleaseAsync(string name, string owner, CancellationToken cancellationToken);

    Task<LeaseState?> FindAsync(string name, CancellationToken cancellationToken);

    /// <summary>Every lease whose name starts with <paramref name="prefix"/>, expired ones included.</summary>
    Task<IReadOnlyList<LeaseState>> ListAsync(string prefix, CancellationToken cancellationToken);
}
