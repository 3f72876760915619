using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Pinterest.Modular.Application.Emulation;
using Pinterest.Modular.Infrastructure.Database.Analytics;
using Pinterest.Modular.Infrastructure.Source;

namespace Pinterest.Modular.Infrastructure.Database.Sqlite;

/// <summary>
/// The embedded default: files under <c>Pipeline:DataDir</c> (<c>warehouse.db</c>, <c>source.db</c>), migrated at
/// start, batches written with prepared upserts.
/// </summary>
internal sealed class SqliteEngine : DatabaseEngine
{
    public const string MigrationsNamespace = "Pinterest.Modular.Infrastructure.Database.Migrations";

    // The batch job and the stream worker write at the same time; a writer waits this long for the other's commit.
    private static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(30);

    public override string Name => DatabaseProvider.Sqlite;

    public override bool MigratesAtStartByDefault => true;

    public override IBatchWriter BatchWriter { get; } = new PreparedBatchWriter();

    public override string DefaultWarehouseConnectionString(string dataDir) =>
        DatabaseOptions.DefaultConnectionString(dataDir);

    public override string DefaultSourceConnectionString(string dataDir, string warehouseConnectionString) =>
        $"Data Source={Path.Combine(dataDir, SqliteSourceDatabase.FileName)}";

    public override string? CheckConnectionString(string connectionString)
    {
        try
        {
            _ = new SqliteConnectionStringBuilder(connectionString);
            return null;
        }
        catch (ArgumentException ex)
        {
            return ex.Message;
        }
    }

    public override void Configure(DbContextOptionsBuilder builder, string connectionString)
    {
        CreateDirectoryOf(connectionString);
        builder.UseSqlite(connectionString, sqlite => sqlite.CommandTimeout((int)BusyTimeout.TotalSeconds));
        builder.AddInterceptors(new SqlitePragmasOnOpen(BusyTimeout));
        builder.ReplaceService<IMigrationsAssembly, Migrations>();
    }

    // Timestamps are stored as ISO-8601 text in UTC.
    public override string YearOf(string timestampSql) => $"CAST(strftime('%Y', {timestampSql}) AS INTEGER)";

    // SQLite's default collation is BINARY already: UTF-8 bytes, which order as code points.
    public override string Ordinal(string textSql) => textSql;

    // Two connections of its own on one WAL snapshot (SqliteColumns); the host's connection only lends its string.
    public override Task ReadAnalyticsColumnsAsync(DbConnection connection, AnalyticsColumns columns, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        SqliteColumns.Read(connection.ConnectionString, BusyTimeout, YearOf, columns, cancellationToken);
        return Task.CompletedTask;
    }

    public override ISourceDatabase CreateSourceDatabase(string connectionString) =>
        new SqliteSourceDatabase(new SqliteConnectionStringBuilder(connectionString).DataSource);

    // SQLite creates the file but not its folder; the default lives under Pipeline:DataDir, which may be new.
    private static void CreateDirectoryOf(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.Mode == SqliteOpenMode.Memory
            || string.IsNullOrEmpty(builder.DataSource)
            || builder.DataSource.StartsWith(':'))
        {
            return;
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
    }

    /// <summary>The SQLite set: the migrations directly in <c>Database/Migrations</c>.</summary>
    internal sealed class Migrations(ICurrentDbContext currentContext)
        : EngineMigrationsAssembly(currentContext, MigrationsNamespace);
}
