using Microsoft.EntityFrameworkCore;
using Pinterest.Modular.Application.Scheduling;

namespace Pinterest.Modular.Infrastructure.Database;

/// <summary>
/// Leases in table <c>leases</c> (name, owner, expires_at). Taking one is a single upsert whose update only happens
/// when the lease is free, expired or already the caller's, so the row's key and that condition settle a race between
/// hosts; the statement is the same on SQLite (3.24+) and PostgreSQL (9.5+).
/// </summary>
public sealed class SqlLeaseStore(IDbContextFactory<WarehouseDbContext> contexts) : ILeaseStore
{
    public async Task<bool> TryAcquireAsync(
        string name, string owner, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);

        var expires = UtcTimestamps.ToStored(expiresAt);
        var at = UtcTimestamps.ToStored(now);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var changed = await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO leases (name, owner, expires_at) VALUES ({name}, {owner}, {expires})
            ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
            WHERE leases.owner = excluded.owner OR leases.expires_at <= {at}
            """,
            cancellationToken);
        return changed == 1;
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
