using Microsoft.EntityFrameworkCore;
using Pinterest.Modular.Application.Scheduling;

namespace Pinterest.Modular.Infrastructure.Database;

/// <summary>
/// Leases in table <c>leases</c> (name, owner, expires_at). Taking one succeeds only when the lease is free, expired or
/// already the caller's; how the engine makes that atomic is its own (<see cref="DatabaseEngine.TryAcquireLeaseAsync"/>).
/// </summary>
public sealed class SqlLeaseStore(IDbContextFactory<WarehouseDbContext> contexts, DatabaseProvider provider) : ILeaseStore
{
    public async Task<bool> TryAcquireAsync(
        string name, string owner, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await provider.TryAcquireLeaseAsync(
            db, name, owner, UtcTimestamps.ToStored(now), UtcTimestamps.ToStored(expiresAt), cancellationToken);
    }

    public async Task<bool> RenewAsync(string name, string owner, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var expires = UtcTimestamps.ToStored(expiresAt);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var changed = await db.Leases
            .Where(lease => lease.Name == name && lease.Owner == owner)
            .ExecuteUpdateAsync(set => set.SetProperty(lease => lease.ExpiresAt, expires), cancellationToken);
        return changed == 1;
    }

    public async Task ReleaseAsync(string name, string owner, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Leases.Where(lease => lease.Name == name && lease.Owner == owner).ExecuteDeleteAsync(cancellationToken);
    }

    public async Task<LeaseState?> FindAsync(string name, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Leases.AsNoTracking().FirstOrDefaultAsync(lease => lease.Name == name, cancellationToken);
        return row is null ? null : new LeaseState(row.Name, row.Owner, UtcTimestamps.ToOffset(row.ExpiresAt));
    }

    public async Task<IReadOnlyList<LeaseState>> ListAsync(string prefix, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Leases.AsNoTracking()
            .Where(lease => lease.Name.StartsWith(prefix))
            .ToListAsync(cancellationToken);

        // Ordered here, by code point: database collations differ.
        return [.. rows.OrderBy(row => row.Name, StringComparer.Ordinal).Select(row => new LeaseState(row.Name, row.Owner, UtcTimestamps.ToOffset(row.ExpiresAt)))];
    }
}
