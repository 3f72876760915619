using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Pinterest.Modular.Infrastructure.Database;

/// <summary>
/// The one place that knows which database engine holds the warehouse: it configures EF Core and hands out the few
/// SQL fragments that differ between engines. Everything else writes portable SQL (ON CONFLICT upserts, window
/// functions, <c>@name</c> parameters, LIMIT), which SQLite and PostgreSQL both accept.
/// </summary>
/// <remarks>
/// Adding PostgreSQL: reference Npgsql.EntityFrameworkCore.PostgreSQL, add <c>Postgres</c> to <see cref="Supported"/>
/// and an arm to each switch below (<c>UseNpgsql</c>, <c>EXTRACT(YEAR FROM x AT TIME ZONE 'UTC')::int</c>,
/// <c>x COLLATE "C"</c>), and generate its own migrations set (the SQLite one uses SQLite column types).
/// </remarks>
public sealed class DatabaseProvider
{
    public const string Sqlite = "Sqlite";

    // The batch job and the stream worker write at the same time; a writer waits this long for the other's commit.
    private static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(30);

    public DatabaseProvider(IOptions<DatabaseOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var value = options.Value;
        if (!IsSupported(value.Provider))
        {
            throw new OptionsValidationException(
                DatabaseOptions.Section,
                typeof(DatabaseOptions),
                [UnsupportedMessage(value.Provider)]);
        }

        Name = Supported.First(name => string.Equals(name, value.Provider, StringComparison.OrdinalIgnoreCase));
        ConnectionString = value.ConnectionString;
    }

    public static IReadOnlyList<string> Supported { get; } = [Sqlite];

    /// <summary>The engine's name as in <see cref="Supported"/>.</summary>
    public string Name { get; }

    public string ConnectionString { get; }

    public static bool IsSupported(string? provider) =>
        Supported.Contains(provider, StringComparer.OrdinalIgnoreCase);

    public static string UnsupportedMessage(string? provider) =>
        $"{DatabaseOptions.Section}:{nameof(DatabaseOptions.Provider)} '{provider}' is not supported; use one of: {string.Join(", ", Supported)}.";

    public void Configure(DbContextOptionsBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        switch (Name)
        {
            case Sqlite:
                CreateSqliteDirectory();
                builder.UseSqlite(ConnectionString, sqlite => sqlite.CommandTimeout((int)BusyTimeout.TotalSeconds));
                builder.AddInterceptors(new SqlitePragmasOnOpen(BusyTimeout));
                break;
            default:
                throw new InvalidOperationException(UnsupportedMessage(Name));
        }
    }

    /// <summary>The calendar year (UTC) of a timestamp expression, as an integer.</summary>
    public string YearOf(string timestampSql) => Name switch
    {
        // Timestamps are stored as ISO-8601 text in UTC.
        Sqlite => $"CAST(strftime('%Y', {timestampSql}) AS INTEGER)",
        _ => throw new InvalidOperationException(UnsupportedMessage(Name)),
    };

    /// <summary>A text expression compared by code point, so tie-breaks do not depend on the server's collation.</summary>
    public string Ordinal(string textSql) => Name switch
    {
        // SQLite's default collation is BINARY already.
        Sqlite => textSql,
        _ => throw new InvalidOperationException(UnsupportedMessage(Name)),
    };

    // SQLite creates the file but not its folder; the default lives under Pipeline:DataDir, which may be new.
    private void CreateSqliteDirectory()
    {
        var builder = new SqliteConnectionStringBuilder(ConnectionString);
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
}
