using System.Security.Cryptography;
using System.Text;
using MySqlConnector;

namespace Pinterest.Modular.Infrastructure.Database.MySql;

/// <summary>
/// A named server lock (<c>GET_LOCK</c>, on MySQL 8 and MariaDB alike), taken on a connection that names no database
/// (the warehouse's may not exist yet) and keyed by the warehouse database's name: hosts migrating the same warehouse
/// wait for each other, and the first creates the database, so none meets a half-created schema or a missing database.
/// Released when disposed, or by the server when the session ends (a killed host).
/// </summary>
internal sealed class MySqlMigrationLock : IAsyncDisposable
{
    // Long enough for any migration another host runs; GET_LOCK answers 0 only when it runs out.
    private const int WaitSeconds = 3600;

    private readonly MySqlConnection _connection;
    private readonly string _name;

    private MySqlMigrationLock(MySqlConnection connection, string name)
    {
        _connection = connection;
        _name = name;
    }

    public static async Task<IAsyncDisposable> AcquireAsync(string connectionString, CancellationToken cancellationToken)
    {
        var target = new MySqlConnectionStringBuilder(connectionString);
        var database = string.IsNullOrWhiteSpace(target.Database)
            ? throw new InvalidOperationException("ConnectionStrings:Warehouse names no database (Database=...).")
            : target.Database;
        var server = new MySqlConnectionStringBuilder(connectionString) { Database = "", Pooling = false };
        var connection = new MySqlConnection(server.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            var name = NameOf(database);
            await using (var command = new MySqlCommand("SELECT GET_LOCK(@name, @wait)", connection))
            {
                command.Parameters.AddWithValue("name", name);
                command.Parameters.AddWithValue("wait", WaitSeconds);
                command.CommandTimeout = 0; // waits as long as another host migrates
                if (Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) != 1)
                {
                    throw new TimeoutException($"Another host held the migration lock of the MySQL database '{database}' for over {WaitSeconds} s.");
                }
            }

            var quoted = "`" + database.Replace("`", "``", StringComparison.Ordinal) + "`";
            await using (var create = new MySqlCommand(
                $"CREATE DATABASE IF NOT EXISTS {quoted} CHARACTER SET {MySqlEngine.CharSet} COLLATE {MySqlEngine.Collation}", connection))
            {
                await create.ExecuteNonQueryAsync(cancellationToken);
            }

            return new MySqlMigrationLock(connection, name);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await using var command = new MySqlCommand("SELECT RELEASE_LOCK(@name)", _connection);
            command.Parameters.AddWithValue("name", _name);
            await command.ExecuteNonQueryAsync();
        }
        finally
        {
            // Closing the session releases the lock too, should the release have failed.
            await _connection.DisposeAsync();
        }
    }

    /// <summary>Lock names are at most 64 characters: a prefix and the first 16 bytes of the name's SHA-256.</summary>
    internal static string NameOf(string database) =>
        "pinterest-modular/migrate/" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(database)).AsSpan(0, 16));
}
