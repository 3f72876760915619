using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace Pinterest.Modular.Infrastructure.Database.Postgres;

/// <summary>
/// A session-level advisory lock, taken in the server's maintenance database (advisory locks are per database, and the
/// warehouse's may not exist yet), keyed by the warehouse database's name: hosts migrating the same warehouse wait for
/// each other, and the first creates the database, so none meets a half-created schema or a missing database (and EF
/// Core logs no failed connection). Released when disposed, or by the server when the session ends (a killed host).
/// </summary>
internal sealed class PostgresMigrationLock : IAsyncDisposable
{
    private const string KeyPrefix = "pinterest-modular/migrate/";

    // The databases Npgsql and EF Core fall back on when creating one: postgres, then template1.
    private static readonly string[] MaintenanceDatabases = ["postgres", "template1"];

    private readonly NpgsqlConnection _connection;
    private readonly long _key;

    private PostgresMigrationLock(NpgsqlConnection connection, long key)
    {
        _connection = connection;
        _key = key;
    }

    public static async Task<IAsyncDisposable> AcquireAsync(string connectionString, CancellationToken cancellationToken)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var database = target.Database ?? target.Username
            ?? throw new InvalidOperationException("ConnectionStrings:Warehouse names no database (Database=...).");
        var key = KeyOf(database);
        var connection = await OpenMaintenanceAsync(target, cancellationToken);
        try
        {
            await using (var command = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection))
            {
                command.Parameters.AddWithValue("key", key);
                command.CommandTimeout = 0; // waits as long as another host migrates
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            await CreateDatabaseIfMissingAsync(connection, database, cancellationToken);
            return new PostgresMigrationLock(connection, key);
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
            await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", _connection);
            command.Parameters.AddWithValue("key", _key);
            await command.ExecuteNonQueryAsync();
        }
        finally
        {
            // Closing the session releases the lock too, should the unlock have failed.
            await _connection.DisposeAsync();
        }
    }

    /// <summary>A stable 64-bit key from the database name (the first 8 bytes of its SHA-256).</summary>
    internal static long KeyOf(string database) =>
        BinaryPrimitives.ReadInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes(KeyPrefix + database)));

    private static async Task<NpgsqlConnection> OpenMaintenanceAsync(NpgsqlConnectionStringBuilder target, CancellationToken cancellationToken)
    {
        NpgsqlException? last = null;
        foreach (var name in MaintenanceDatabases)
        {
            var builder = new NpgsqlConnectionStringBuilder(target.ConnectionString) { Database = name, Pooling = false };
            var connection = new NpgsqlConnection(builder.ConnectionString);
            try
            {
                await connection.OpenAsync(cancellationToken);
                return connection;
            }
            catch (NpgsqlException ex)
            {
                await connection.DisposeAsync();
                last = ex;
            }
        }

        throw new InvalidOperationException(
            "Could not connect to the PostgreSQL server's maintenance database (postgres or template1) to take the migration lock: "
            + last?.Message, last);
    }

    private static async Task CreateDatabaseIfMissingAsync(NpgsqlConnection connection, string database, CancellationToken cancellationToken)
    {
        await using (var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection))
        {
            exists.Parameters.AddWithValue("name", database);
            if (await exists.ExecuteScalarAsync(cancellationToken) is not null)
            {
                return;
            }
        }

        var quoted = "\"" + database.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        await using var create = new NpgsqlCommand("CREATE DATABASE " + quoted, connection);
        await create.ExecuteNonQueryAsync(cancellationToken);
    }
}
