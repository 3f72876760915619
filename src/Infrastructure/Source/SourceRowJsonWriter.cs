using System.Data.Common;
using System.Globalization;
using System.Text;

namespace Pinterest.Modular.Infrastructure.Source;

/// <summary>
/// Writes the current row of a reader as the AWS emulator sent it (<c>json.dumps(dict(row))</c>, compact): the columns
/// in table order, each value typed by what the database holds (integer, real, text, null; a PostgreSQL
/// <c>timestamp</c> as the text SQLite keeps, <c>2020-08-28 03:52:47</c>). One per reader, reused per row.
/// </summary>
internal sealed class SourceRowJsonWriter
{
    private readonly StringBuilder json = new(2048);

    /// <summary>Runs <paramref name="command"/> and writes every row it returns, in the order it returns them.</summary>
    public static async Task<List<byte[]>> ReadAllAsync(DbCommand command, SourceTable table, int expected, CancellationToken cancellationToken)
    {
        var rows = new List<byte[]>(expected);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var writer = new SourceRowJsonWriter();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(writer.Write(table, reader));
        }

        return rows;
    }

    public byte[] Write(SourceTable table, DbDataReader reader)
    {
        json.Clear().Append('{');
        for (var i = 0; i < table.Columns.Count; i++)
        {
            if (i > 0)
            {
                json.Append(',');
            }

            PythonJson.AppendString(json, table.Columns[i].Name);
            json.Append(':');
            AppendValue(reader, i, table.Columns[i]);
        }

        json.Append('}');

        // Every character is ASCII after escaping, so ASCII and UTF-8 give the same bytes.
        return Encoding.ASCII.GetBytes(json.ToString());
    }

    private void AppendValue(DbDataReader reader, int ordinal, SourceColumn column)
    {
        if (reader.IsDBNull(ordinal))
        {
            json.Append("null");
            return;
        }

        var type = reader.GetFieldType(ordinal);
        if (type == typeof(long))
        {
            json.Append(reader.GetInt64(ordinal).ToString(CultureInfo.InvariantCulture));
        }
        else if (type == typeof(int))
        {
            json.Append(reader.GetInt32(ordinal).ToString(CultureInfo.InvariantCulture));
        }
        else if (type == typeof(double))
        {
            PythonJson.AppendFloat(json, reader.GetDouble(ordinal));
        }
        else if (type == typeof(string))
        {
            PythonJson.AppendString(json, reader.GetString(ordinal));
        }
        else if (type == typeof(DateTime))
        {
            PythonJson.AppendString(json, reader.GetDateTime(ordinal).ToString(SourceTables.DateTimeFormat, CultureInfo.InvariantCulture));
        }
        else
        {
            throw new InvalidOperationException($"Column {column.Name} holds a {type.Name}, which a source row never has.");
        }
    }
}
