using Npgsql;

namespace Pinterest.Modular.Tests.Integration.Database;

/// <summary>
/// A database of its own on the test server (<c>pm_&lt;guid&gt;</c>), so tests running in parallel, and other
/// suites sharing the server, never see each other's rows. Dropped on dispose, with whatever connections are left.
/// </summary>
internal sealed class PostgresDatabase : IServerDatabase
{
    private PostgresDatabase(string name)
    {
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(TestServers.PostgresConnectionString) { Database = name }.ConnectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    /// <summary>A new, empty database; <paramref name="clauses"/> are added to CREATE DATABASE (a locale, say).</summary>
    public static async Task<PostgresDatabase> CreateAsync(string clauses = "")
    {
        var database = Named();
        await ExecuteOnServerAsync($"CREATE DATABASE \"{database.Name}\" {clauses}");
        return database;
    }

    /// <summary>A name no database has yet: for what must create the database itself. Dropped if it was made.</summary>
    public static PostgresDatabase Named() => new("pm_" + Guid.NewGuid().ToString("N"));

    /// <summary>A connection string to this database with other settings too (a time zone, a password).</summary>
    public string With(Action<NpgsqlConnectionStringBuilder> change)
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
        change(builder);
        return builder.ConnectionString;
    }

    public string Unreachable(string password) => With(builder =>
    {
        builder.Port = 1;
        builder.Password = password;
        builder.Timeout = 3;
    });

    public async Task<bool> ExistsAsync()
    {
        await using var connection = new NpgsqlConnection(TestServers.PostgresConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = $1", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Name });
        return (long)(await command.ExecuteScalarAsync())! > 0;
    }

    /// <summary>Runs one statement on a fresh connection and returns the first column of every row.</summary>
    public async Task<List<object?>> ColumnAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<object?>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.IsDBNull(0) ? null : reader.GetValue(0));
        }

        return values;
    }

    public async Task<long> CountAsync(string table) => (long)(await ColumnAsync($"SELECT count(*) FROM \"{table}\""))[0]!;

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
    }

    private static async Task ExecuteOnServerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(TestServers.PostgresConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
