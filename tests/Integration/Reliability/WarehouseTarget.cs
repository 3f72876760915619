using System.Data.Common;
using Microsoft.Data.Sqlite;
using MySqlConnector;
using Npgsql;
using Pinterest.Modular.Domain.Common;
using Pinterest.Modular.Tests.Integration.Database;

namespace Pinterest.Modular.Tests.Integration.Reliability;

/// <summary>
/// The warehouse a host under test writes to, read directly (not through the host, which may be dead): the SQLite file
/// in its data directory, or a PostgreSQL or MariaDB database of the test's own, dropped on dispose.
/// </summary>
internal sealed class WarehouseTarget : IAsyncDisposable
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";
    public const string MySql = "mysql";

    private readonly Func<DbConnection> _connect;
    private readonly IAsyncDisposable? _database;

    private WarehouseTarget(Func<DbConnection> connect, IReadOnlyDictionary<string, string?> settings, IAsyncDisposable? database)
    {
        _connect = connect;
        Settings = settings;
        _database = database;
    }

    /// <summary>The configuration keys that point the host at this warehouse.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; }

    /// <param name="provider"><see cref="Sqlite"/>, <see cref="Postgres"/> or <see cref="MySql"/>.</param>
    /// <param name="dataDir">The host's data directory (where SQLite's warehouse.db lives).</param>
    /// <param name="serverPort">Another port for the host to reach the server on (a forwarder); the test reads directly.</param>
    /// <param name="mariaDb">The collection's MariaDB, for <see cref="MySql"/>.</param>
    public static async Task<WarehouseTarget> CreateAsync(string provider, string dataDir, int? serverPort = null, MariaDbOnDemand? mariaDb = null)
    {
        if (provider == Sqlite)
        {
            var file = Path.Combine(dataDir, "warehouse.db");
            return new WarehouseTarget(
                () => new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False"), new Dictionary<string, string?>(), null);
        }

        if (provider == MySql)
        {
            var server = await (mariaDb ?? throw new ArgumentNullException(nameof(mariaDb), "MySQL needs the collection's MariaDB.")).GetAsync();
            var mysql = await MySqlDatabase.CreateAsync(server);
            return new WarehouseTarget(
                () => new MySqlConnection(mysql.ConnectionString),
                new Dictionary<string, string?>
                {
                    ["Database:Provider"] = "MySql",
                    ["Database:Migrate"] = "true",
                    ["ConnectionStrings:Warehouse"] = serverPort is { } mysqlPort ? mysql.With(b => b.Port = (uint)mysqlPort) : mysql.ConnectionString,
                },
                mysql);
        }

        if (provider != Postgres)
        {
            throw new ArgumentOutOfRangeException(nameof(provider), provider, $"{Sqlite}, {Postgres} or {MySql}");
        }

        var database = await PostgresDatabase.CreateAsync();
        var forHost = serverPort is { } port ? database.With(b => b.Port = port) : database.ConnectionString;
        return new WarehouseTarget(
            () => new NpgsqlConnection(database.ConnectionString),
            new Dictionary<string, string?>
            {
                ["Database:Provider"] = "Postgres",
                ["Database:Migrate"] = "true",
                ["ConnectionStrings:Warehouse"] = forHost,
            },
            database);
    }

    /// <summary>The keys (<c>ind</c>) stored in the kind's table.</summary>
    public async Task<HashSet<long>> KeysAsync(RecordKind kind)
    {
        var table = kind switch
        {
            _ when kind == RecordKind.Pin => "pins",
            _ when kind == RecordKind.Geo => "geo",
            _ => "users",
        };
        var keys = new HashSet<long>();
        await foreach (var row in QueryAsync($"SELECT ind FROM {table}"))
        {
            keys.Add(Convert.ToInt64(row[0], System.Globalization.CultureInfo.InvariantCulture));
        }

        return keys;
    }

    /// <summary>Every rejected record: its source (where it came from), reason and raw JSON.</summary>
    public async Task<List<(string Source, string Reason, string RawJson)>> RejectedAsync()
    {
        var rejected = new List<(string, string, string)>();
        await foreach (var row in QueryAsync("SELECT source, reason, raw_json FROM rejected_records"))
        {
            rejected.Add(((string)row[0], (string)row[1], (string)row[2]));
        }

        return rejected;
    }

    public async ValueTask DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    private async IAsyncEnumerable<object[]> QueryAsync(string sql)
    {
        await using var connection = _connect();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var values = new object[reader.FieldCount];
            reader.GetValues(values);
            yield return values;
        }
    }
}
