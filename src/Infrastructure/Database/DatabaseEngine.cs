using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Pinterest.Modular.Application.Emulation;
using Pinterest.Modular.Infrastructure.Database.Analytics;

namespace Pinterest.Modular.Infrastructure.Database;

/// <summary>
/// Everything that differs between database engines, one subclass per engine: EF Core's configuration and the
/// engine's own migrations set, the SQL fragments the portable analytics need, how a batch is written, and where
/// the source tables live. <see cref="DatabaseProvider"/> picks one by <c>Database:Provider</c>.
/// </summary>
internal abstract class DatabaseEngine
{
    /// <summary>The value of <c>Database:Provider</c> that selects this engine.</summary>
    public abstract string Name { get; }

    /// <summary>Whether the host applies migrations at start when <c>Database:Migrate</c> is not set.</summary>
    public abstract bool MigratesAtStartByDefault { get; }

    /// <summary>How the warehouse writes a cleaned batch inside the persist transaction.</summary>
    public abstract IBatchWriter BatchWriter { get; }

    /// <summary>The warehouse connection string when none is configured; empty when one must be.</summary>
    public abstract string DefaultWarehouseConnectionString(string dataDir);

    /// <summary>The source database's connection string when <c>ConnectionStrings:Source</c> is not set.</summary>
    public abstract string DefaultSourceConnectionString(string dataDir, string warehouseConnectionString);

    /// <summary>Why the connection string cannot be used (without repeating it: it may hold a password), or null.</summary>
    public abstract string? CheckConnectionString(string connectionString);

    /// <summary>EF Core on this engine, with this engine's migrations set.</summary>
    public abstract void Configure(DbContextOptionsBuilder builder, string connectionString);

    /// <summary>EF Core on this engine for scaffolding migrations: never connects (MySQL would ask its server's version).</summary>
    public virtual void ConfigureWithoutServer(DbContextOptionsBuilder builder, string connectionString) =>
        Configure(builder, connectionString);

    /// <summary>The calendar year (UTC) of a timestamp expression, as an integer.</summary>
    public abstract string YearOf(string timestampSql);

    /// <summary>A text expression compared by code point, so tie-breaks do not depend on the server's collation.</summary>
    public abstract string Ordinal(string textSql);

    public abstract ISourceDatabase CreateSourceDatabase(string connectionString);

    /// <summary>
    /// Reads the columns the nine analytics need, all three tables in one committed state, blocking no writer: by
    /// default through ADO.NET on <paramref name="connection"/> (open) in a REPEATABLE READ transaction (one snapshot
    /// from the first read on PostgreSQL and InnoDB).
    /// </summary>
    public virtual async Task ReadAnalyticsColumnsAsync(DbConnection connection, AnalyticsColumns columns, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var snapshot = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        await DataReaderColumns.ReadAsync(snapshot, YearOf, columns, cancellationToken);
        await snapshot.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Takes the lease when it is free, expired or already the owner's, in one statement (the row's key and the
    /// update's condition settle a race between hosts): an upsert whose update only happens under that condition, the
    /// same on SQLite (3.24+) and PostgreSQL (9.5+).
    /// </summary>
    /// <returns>Whether the caller holds the lease now.</returns>
    public virtual async Task<bool> TryAcquireLeaseAsync(
        WarehouseDbContext db, string name, string owner, DateTime now, DateTime expiresAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var changed = await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO leases (name, owner, expires_at) VALUES ({name}, {owner}, {expiresAt})
            ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
            WHERE leases.owner = excluded.owner OR leases.expires_at <= {now}
            """,
            cancellationToken);
        return changed == 1;
    }

    /// <summary>
    /// Holds the engine's lock on migrating this warehouse until disposed, so hosts starting together migrate one after
    /// the other (the next finds nothing pending), and creates the database when the server has none by its name.
    /// Each engine uses its own mechanism (PostgreSQL an advisory lock, MySQL <c>GET_LOCK</c>); the default
    /// takes none, for an engine whose migrations lock by themselves.
    /// </summary>
    public virtual Task<IAsyncDisposable> LockMigrationsAsync(string connectionString, CancellationToken cancellationToken) =>
        Task.FromResult<IAsyncDisposable>(NoMigrationLock.Instance);

    private sealed class NoMigrationLock : IAsyncDisposable
    {
        public static readonly NoMigrationLock Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
