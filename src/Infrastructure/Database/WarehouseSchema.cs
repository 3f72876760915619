using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Pinterest.Modular.Infrastructure.Database;

/// <summary>
/// The warehouse schema and its migrations (the engine's own set): applied at start when <c>Database:Migrate</c>
/// (default per engine) says so, or by the <c>migrate</c> verb.
/// </summary>
public sealed class WarehouseSchema(IDbContextFactory<WarehouseDbContext> contexts, DatabaseProvider provider)
{
    /// <summary>
    /// Applies every pending migration under the engine's migration lock (hosts starting together migrate one after
    /// the other), creating the database first if the server has none by its name.
    /// </summary>
    /// <returns>The ids of the migrations this call found pending, oldest first.</returns>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken)
    {
        await using var migrationLock = await provider.LockMigrationsAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);

        // The history table first (under the lock, so creating it cannot race): asked for the pending migrations while
        // it is missing, EF Core on PostgreSQL reads it anyway and logs that query as failed.
        await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        await db.Database.MigrateAsync(cancellationToken);
        return pending;
    }

    /// <summary>Migrations the database lacks (all of them when it does not exist yet), oldest first.</summary>
    public async Task<IReadOnlyList<string>> PendingAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return [.. await db.Database.GetPendingMigrationsAsync(cancellationToken)];
    }

    /// <summary>
    /// Migrates when <see cref="DatabaseProvider.MigratesAtStart"/>; otherwise fails, saying what to run, when a
    /// migration is missing, so a host never works on a schema older than its code.
    /// </summary>
    public async Task EnsureCurrentAsync(CancellationToken cancellationToken)
    {
        if (provider.MigratesAtStart)
        {
            await MigrateAsync(cancellationToken);
            return;
        }

        var pending = await PendingAsync(cancellationToken);
        if (pending.Count > 0)
        {
            throw new InvalidOperationException(
                $"The {provider.Name} warehouse schema is not up to date: {pending.Count} migration(s) pending, from {pending[0]}. "
                + $"Run `pinterest-modular migrate` once, or set {DatabaseOptions.Section}:{nameof(DatabaseOptions.Migrate)}=true to migrate at start.");
        }
    }
}
