using System.Globalization;
using Microsoft.Data.Sqlite;
using Pinterest.Modular.Domain.Common;

namespace Pinterest.Modular.Infrastructure.Source;

/// <summary>
/// One open connection to the source database with its prepared row queries. Not thread-safe: the database keeps a
/// pool of these and lends each to one caller at a time.
/// </summary>
internal sealed class SourceReader : IDisposable
{
    private readonly SqliteConnection connection;
    private readonly Dictionary<RecordKind, SqliteCommand> rowQueries = [];
    private readonly SourceRowJsonWriter json = new();

    private SourceReader(SqliteConnection connection) => this.connection = connection;

    public static SourceReader Open(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        return new SourceReader(connection);
    }

    public long Count(SourceTable table)
    {
        if (!TableExists(table))
        {
            return 0;
        }

        using var command = connection.CreateCommand();
        command.CommandText = table.CountSql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    public byte[]? ReadRow(SourceTable table, long key)
    {
        var query = RowQuery(table);
        if (query is null)
        {
            return null;
        }

        query.Parameters[0].Value = key;
        using var reader = query.ExecuteReader();
        return reader.Read() ? json.Write(table, reader) : null;
    }

    public void Dispose()
    {
        foreach (var query in rowQueries.Values)
        {
            query.Dispose();
        }

        connection.Dispose();
    }

    /// <summary>
    /// The prepared query for the table, or null while the table does not exist (nothing seeded yet). A prepared
    /// statement survives a reseed: SQLite prepares it again when the schema has changed.
    /// </summary>
    private SqliteCommand? RowQuery(SourceTable table)
    {
        if (rowQueries.TryGetValue(table.Kind, out var query))
        {
            return query;
        }

        if (!TableExists(table))
        {
            return null;
        }

        query = connection.CreateCommand();
        query.CommandText = table.SelectByKeySql;
        query.Parameters.Add("$key", SqliteType.Integer);
        query.Prepare();
        rowQueries.Add(table.Kind, query);
        return query;
    }

    private bool TableExists(SourceTable table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = $name";
        command.Parameters.AddWithValue("$name", table.Name);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
    }
}
