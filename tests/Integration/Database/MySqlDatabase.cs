using MySqlConnector;

namespace Pinterest.Modular.Tests.Integration.Database;

/// <summary>
/// A database of its own on the collection's MariaDB container (<c>pm_&lt;guid&gt;</c>), so test classes sharing the
/// server never see each other's rows. Dropped on dispose.
/// </summary>
internal sealed class MySqlDatabase : IServerDatabase
{
    private readonly MariaDbServer server;

    private MySqlDatabase(MariaDbServer server, string name)
    {
        this.server = server;
        Name = name;
        ConnectionString = new MySqlConnectionStringBuilder(server.ConnectionString) { Database = name }.ConnectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    /// <summary>A new, empty database in the server's default character set and collation.</summary>
    public static async Task<MySqlDatabase> CreateAsync(MariaDbServer server)
    {
        var database = Named(server);
        await database.ExecuteOnServerAsync($"CREATE DATABASE `{database.Name}`");
        return database;
    }

    /// <summary>A name no database has yet: for what must create the database itself. Dropped if it was made.</summary>
    public static MySqlDatabase Named(MariaDbServer server) => new(server, "pm_" + Guid.NewGuid().ToString("N"));

    /// <summary>A connection string to this database with other settings too.</summary>
    public string With(Action<MySqlConnectionStringBuilder> change)
    {
        var builder = new MySqlConnectionStringBuilder(ConnectionString);
        change(builder);
        return builder.ConnectionString;
    }

    public string Unreachable(string password) => With(builder =>
    {
        builder.Port = 1;
        builder.Password = password;
        builder.ConnectionTimeout = 3;
    });

    public async Task<bool> ExistsAsync()
    {
        await using var connection = new MySqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand("SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = @name", connection);
        command.Parameters.AddWithValue("@name", Name);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    /// <summary>Runs one statement on a fresh connection and returns the first column of every row.</summary>
    public async Task<List<object?>> ColumnAsync(string sql)
    {
        await using var connection = new MySqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<object?>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.IsDBNull(0) ? null : reader.GetValue(0));
        }

        return values;
    }

    public async Task<long> CountAsync(string table) => (long)(await ColumnAsync($"SELECT COUNT(*) FROM `{table}`"))[0]!;

    public async ValueTask DisposeAsync()
    {
        MySqlConnection.ClearAllPools();
        await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS `{Name}`");
    }

    private async Task ExecuteOnServerAsync(string sql)
    {
        await using var connection = new MySqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
