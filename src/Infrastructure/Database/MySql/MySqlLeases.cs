using Microsoft.EntityFrameworkCore;
using MySqlConnector;

namespace Pinterest.Modular.Infrastructure.Database.MySql;

/// <summary>
/// Taking a lease on MySQL. MySqlConnector reports found rows (what Pomelo expects), so an <c>ON DUPLICATE KEY
/// UPDATE</c> that keeps a row counts like one that inserts: the upsert of the other engines cannot tell a refusal
/// from a success here. Two statements instead, each atomic: insert the row (the key settles a race between hosts),
/// or, when it exists, update it only where it is free, expired or already the caller's (InnoDB's row lock makes the
/// second of two racing hosts see the first one's owner).
/// </summary>
internal static class MySqlLeases
{
    public static async Task<bool> TryAcquireAsync(
        WarehouseDbContext db, string name, string owner, DateTime now, DateTime expiresAt, CancellationToken cancellationToken)
    {
        try
        {
            await db.Database.ExecuteSqlAsync(
                $"INSERT INTO leases (name, owner, expires_at) VALUES ({name}, {owner}, {expiresAt})",
                cancellationToken);
            return true;
        }
        catch (MySqlException ex) when (ex.ErrorCode == MySqlErrorCode.DuplicateKeyEntry)
        {
            var taken = await db.Leases
                .Where(lease => lease.Name == name && (lease.Owner == owner || lease.ExpiresAt <= now))
                .ExecuteUpdateAsync(set => set.SetProperty(lease => lease.Owner, owner).SetProperty(lease => lease.ExpiresAt, expiresAt), cancellationToken);
            return taken == 1;
        }
    }
}
