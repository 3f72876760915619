using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using MySqlConnector;
using Pinterest.Modular.Application.Emulation;
using Pinterest.Modular.Infrastructure.Source;

namespace Pinterest.Modular.Infrastructure.Database.MySql;

/// <summary>
/// MySQL 8 (Amazon RDS for MySQL, Aurora MySQL) and MariaDB 10.11 through Pomelo and MySqlConnector: its own
/// migrations set (<c>Database/Migrations/MySql</c>), tables in utf8mb4 with the binary collation (so grouping, keys and
/// ties compare code points, whatever the server's default collation), timestamps as <c>datetime(6)</c> holding UTC,
/// batches bulk-loaded into a staging table. Like PostgreSQL, migrations run at start only with
/// <c>Database:Migrate=true</c>; the <c>migrate</c> verb is the deploy step.
/// </summary>
internal sealed class MySqlEngine : DatabaseEngine
{
    public const string MigrationsNamespace = "Pinterest.Modular.Infrastructure.Database.Migrations.MySql";

    /// <summary>utf8mb4 compared byte by byte: UTF-8 bytes order as code points. On MySQL 8 and MariaDB 10.11 alike.</summary>
    public const string CharSet = "utf8mb4";

    public const string Collation = "utf8mb4_bin";

    // The analytics scan whole tables; a million events take seconds, not the 30 s default, but leave room.
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(5);

    // Pomelo generates SQL for a server version; asking the server costs a connection, so once per server.
    private static readonly ConcurrentDictionary<string, ServerVersion> ServerVersions = new(StringComparer.Ordinal);

    public override string Name => DatabaseProvider.MySql;

    public override bool MigratesAtStartByDefault => false;

    public override IBatchWriter BatchWriter { get; } = new StagedBatchWriter();

    public override string DefaultWarehouseConnectionString(string dataDir) => "";

    // The source tables (pinterest_data, ...) do not clash with the warehouse's, so one database can hold both.
    public override string DefaultSourceConnectionString(string dataDir, string warehouseConnectionString) =>
        warehouseConnectionString;

    public override string? CheckConnectionString(string connectionString)
    {
        try
        {
            var builder = new MySqlConnectionStringBuilder(connectionString);
            return string.IsNullOrWhiteSpace(builder.Database) ? "it names no database (Database=...)." : null;
        }
        catch (ArgumentException ex)
        {
            // MySqlConnector names the keyword it does not know, never a value.
            return ex.Message;
        }
    }

    public override void Configure(DbContextOptionsBuilder builder, string connectionString) =>
        Configure(builder, connectionString, ServerVersions.GetOrAdd(connectionString, static cs => ServerVersion.AutoDetect(cs)));

    // Scaffolding a migration compares the model with the snapshot only; the version just has to be one Pomelo knows.
    public override void ConfigureWithoutServer(DbContextOptionsBuilder builder, string connectionString) =>
        Configure(builder, connectionString, new MySqlServerVersion(new Version(8, 0, 36)));

    // Datetimes hold UTC already (datetime has no zone): YEAR() reads it as stored.
    public override string YearOf(string timestampSql) => $"YEAR({timestampSql})";

    // The tables' columns are utf8mb4_bin; this keeps expressions (and strings of another collation) in code-point order.
    public override string Ordinal(string textSql) => $"{textSql} COLLATE {Collation}";

    public override ISourceDatabase CreateSourceDatabase(string connectionString) =>
        new MySqlSourceDatabase(WithBulkLoad(connectionString));

    public override Task<bool> TryAcquireLeaseAsync(
        WarehouseDbContext db, string name, string owner, DateTime now, DateTime expiresAt, CancellationToken cancellationToken) =>
        MySqlLeases.TryAcquireAsync(db, name, owner, now, expiresAt, cancellationToken);

    public override Task<IAsyncDisposable> LockMigrationsAsync(string connectionString, CancellationToken cancellationToken) =>
        MySqlMigrationLock.AcquireAsync(connectionString, cancellationToken);

    private static void Configure(DbContextOptionsBuilder builder, string connectionString, ServerVersion serverVersion)
    {
        builder.UseMySql(
            WithBulkLoad(connectionString),
            serverVersion,
            mysql => mysql.CommandTimeout((int)CommandTimeout.TotalSeconds));
        builder.ReplaceService<IMigrationsAssembly, Migrations>();
    }

    // MySqlBulkCopy sends the staged rows with LOAD DATA LOCAL INFILE, which the client refuses unless allowed.
    private static string WithBulkLoad(string connectionString) =>
        new MySqlConnectionStringBuilder(connectionString) { AllowLoadLocalInfile = true }.ConnectionString;

    /// <summary>The MySQL set: the migrations in <c>Database/Migrations/MySql</c>.</summary>
    internal sealed class Migrations(ICurrentDbContext currentContext)
        : EngineMigrationsAssembly(currentContext, MigrationsNamespace);
}
