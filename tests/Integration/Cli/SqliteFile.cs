using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Pinterest.Modular.Tests.Integration.Cli;

/// <summary>Reads a SQLite file the CLI wrote (source.db, warehouse.db) after the process has exited.</summary>
internal static class SqliteFile
{
    public static long Count(string path, string table)
    {
        using var connection = Open(path);
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    public static IReadOnlyList<long> Keys(string path, string table, string column)
    {
        var keys = new List<long>();
        using var connection = Open(path);
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT \"{column}\" FROM \"{table}\" ORDER BY 1";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            keys.Add(reader.GetInt64(0));
        }

        return keys;
    }

    /// <summary>Every row, in storage order, as its column values joined with '|' (invariant culture; null as "NULL").</summary>
    public static IReadOnlyList<string> Dump(string path, string table)
    {
        var rows = new List<string>();
        using var connection = Open(path);
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{table}\" ORDER BY rowid";
        using var reader = command.ExecuteReader();
        var values = new object[reader.FieldCount];
        while (reader.Read())
        {
            reader.GetValues(values);
            rows.Add(string.Join('|', values.Select(v => v is DBNull ? "NULL" : Convert.ToString(v, CultureInfo.InvariantCulture))));
        }

        return rows;
    }

    /// <summary>Runs one statement with named parameters (bound as the application binds them).</summary>
    public static void Execute(string path, string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = Open(path);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        command.ExecuteNonQuery();
    }

    /// <summary>No pooling, so no handle outlives the check and the temp folder can be deleted.</summary>
    private static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
        }.ToString());
        connection.Open();
        return connection;
    }
}
