using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pinterest.Modular.Application.Emulation;
using Pinterest.Modular.Infrastructure.Database.Analytics;
using Pinterest.Modular.Infrastructure.Database.MySql;
using Pinterest.Modular.Infrastructure.Database.Postgres;
using Pinterest.Modular.Infrastructure.Database.Sqlite;

namespace Pinterest.Modular.Infrastructure.Database;

/// <summary>
/// The one place that chooses the database engine (<c>Database:Provider</c>): it configures EF Core with the engine's
/// migrations set, hands out the few SQL fragments that differ, the engine's batch writer and its source database.
/// Everything else writes portable SQL (ON CONFLICT upserts, window functions, <c>@name</c> parameters, LIMIT).
/// </summary>
/// <remarks>
/// Adding an engine: a <see cref="DatabaseEngine"/> subclass beside <see cref="SqliteEngine"/>,
/// <see cref="PostgresEngine"/> and <see cref="MySqlEngine"/>, its line in <see cref="Engines"/>, its migrations set
/// in <c>Migrations/&lt;Engine&gt;</c> (see README.md) and, for the emulator, an <see cref="ISourceDatabase"/>.
/// </remarks>
public sealed class DatabaseProvider
{
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";
    public const string MySql = "MySql";

    private static readonly DatabaseEngine[] Engines = [new SqliteEngine(), new PostgresEngine(), new MySqlEngine()];

    private readonly DatabaseEngine engine;

    public DatabaseProvider(IOptions<DatabaseOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var value = options.Value;
        engine = Find(value.Provider) ?? throw new OptionsValidationException(
            DatabaseOptions.Section,
            typeof(DatabaseOptions),
            [UnsupportedMessage(value.Provider)]);
        ConnectionString = value.ConnectionString;
        SourceConnectionString = value.SourceConnectionString;
        MigratesAtStart = value.Migrate ?? engine.MigratesAtStartByDefault;
    }

    public static IReadOnlyList<string> Supported { get; } = [.. Engines.Select(engine => engine.Name)];

    /// <summary>The engine's name as in <see cref="Supported"/>.</summary>
    public string Name => engine.Name;

    /// <summary><c>ConnectionStrings:Warehouse</c> (or the engine's default). Never log it: it may hold a password.</summary>
    public string ConnectionString { get; }

    /// <summary><c>ConnectionStrings:Source</c> (or the engine's default). Never log it either.</summary>
    public string SourceConnectionString { get; }

    /// <summary><c>Database:Migrate</c>, or the engine's default (SQLite yes, PostgreSQL no).</summary>
    public bool MigratesAtStart { get; }

    internal IBatchWriter BatchWriter => engine.BatchWriter;

    public static bool IsSupported(string? provider) => Find(provider) is not null;

    public static string UnsupportedMessage(string? provider) =>
        $"{DatabaseOptions.Section}:{nameof(DatabaseOptions.Provider)} '{provider}' is not supported; use one of: {string.Join(", ", Supported)}.";

    public void Configure(DbContextOptionsBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        engine.Configure(builder, ConnectionString);
    }

    /// <summary>The calendar year (UTC) of a timestamp expression, as an integer.</summary>
    public string YearOf(string timestampSql) => engine.YearOf(timestampSql);

    /// <summary>A text expression compared by code point, so tie-breaks do not depend on the server's collation.</summary>
    public string Ordinal(string textSql) => engine.Ordinal(textSql);

    /// <summary>Reads the columns the nine analytics need in one committed state, the engine's fastest way.</summary>
    internal Task ReadAnalyticsColumnsAsync(DbConnection connection, AnalyticsColumns columns, CancellationToken cancellationToken) =>
        engine.ReadAnalyticsColumnsAsync(connection, columns, cancellationToken);

    /// <summary>Takes a lease when free, expired or already the owner's (<see cref="DatabaseEngine.TryAcquireLeaseAsync"/>).</summary>
    internal Task<bool> TryAcquireLeaseAsync(
        WarehouseDbContext db, string name, string owner, DateTime now, DateTime expiresAt, CancellationToken cancellationToken) =>
        engine.TryAcquireLeaseAsync(db, name, owner, now, expiresAt, cancellationToken);

    /// <summary>The emulator's source tables (spec §1) on the same engine, at <see cref="SourceConnectionString"/>.</summary>
    public ISourceDatabase CreateSourceDatabase() => engine.CreateSourceDatabase(SourceConnectionString);

    /// <summary>The engine's migration lock on the warehouse (see <see cref="DatabaseEngine.LockMigrationsAsync"/>).</summary>
    public Task<IAsyncDisposable> LockMigrationsAsync(CancellationToken cancellationToken) =>
        engine.LockMigrationsAsync(ConnectionString, cancellationToken);

    internal static DatabaseEngine? Find(string? provider) =>
        Engines.FirstOrDefault(engine => string.Equals(engine.Name, provider?.Trim(), StringComparison.OrdinalIgnoreCase));
}
