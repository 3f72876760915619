using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;
using Pinterest.Modular.Application.Emulation;
using Pinterest.Modular.Infrastructure.Source;

namespace Pinterest.Modular.Infrastructure.Database.Postgres;

/// <summary>
/// PostgreSQL (RDS for PostgreSQL, Aurora PostgreSQL) through Npgsql: its own migrations set
/// (<c>Database/Migrations/Postgres</c>), timestamps as <c>timestamptz</c>, batches written with binary COPY into a
/// staging table. Migrations are not applied at start unless <c>Database:Migrate=true</c>: on a shared server the
/// schema changes once, by the <c>migrate</c> verb (a deploy step, with a role that may alter the schema), not by
/// whichever host starts first.
/// </summary>
internal sealed class PostgresEngine : DatabaseEngine
{
    public const string MigrationsNamespace = "Pinterest.Modular.Infrastructure.Database.Migrations.Postgres";

    // The analytics scan whole tables; a million events take seconds, not the 30 s default, but leave room.
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(5);

    public override string Name => DatabaseProvider.Postgres;

    public override bool MigratesAtStartByDefault => false;

    public override IBatchWriter BatchWriter { get; } = new CopyBatchWriter();

    public override string DefaultWarehouseConnectionString(string dataDir) => "";

    // The emulator's tables (pinterest_data, ...) do not clash with the warehouse's, so one database can hold both.
    public override string DefaultSourceConnectionString(string dataDir, string warehouseConnectionString) =>
        warehouseConnectionString;

    public override string? CheckConnectionString(string connectionString)
    {
        try
        {
            _ = new NpgsqlConnectionStringBuilder(connectionString);
            return null;
        }
        catch (ArgumentException ex)
        {
            // Npgsql names the keyword it does not know, never a value.
            return ex.Message;
        }
    }

    public override void Configure(DbContextOptionsBuilder builder, string connectionString)
    {
        builder.UseNpgsql(connectionString, npgsql => npgsql.CommandTimeout((int)CommandTimeout.TotalSeconds));
        builder.ReplaceService<IMigrationsAssembly, Migrations>();
    }

    // AT TIME ZONE 'UTC' makes the year independent of the session's TimeZone setting.
    public override string YearOf(string timestampSql) =>
        $"CAST(EXTRACT(YEAR FROM {timestampSql} AT TIME ZONE 'UTC') AS INTEGER)";

    // The "C" collation compares bytes (UTF-8: code points), whatever the database's default collation.
    public override string Ordinal(string textSql) => $"{textSql} COLLATE \"C\"";

    public override ISourceDatabase CreateSourceDatabase(string connectionString) =>
        new PostgresSourceDatabase(connectionString);

    public override Task<IAsyncDisposable> LockMigrationsAsync(string connectionString, CancellationToken cancellationToken) =>
        PostgresMigrationLock.AcquireAsync(connectionString, cancellationToken);

    /// <summary>The PostgreSQL set: the migrations in <c>Database/Migrations/Postgres</c>.</summary>
    internal sealed class Migrations(ICurrentDbContext currentContext)
        : EngineMigrationsAssembly(currentContext, MigrationsNamespace);
}
