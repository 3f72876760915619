using System.Diagnostics.CodeAnalysis;
using System.Text;
using MySqlConnector;
using Pinterest.Modular.Application.Persistence;

namespace Pinterest.Modular.Infrastructure.Database.MySql;

/// <summary>
/// Rejections stored once per source: the sources already stored are looked up (a plain, non-locking read), the others
/// inserted with multi-row <c>INSERT ... VALUES</c>. Not through a staging table: an <c>INSERT ... SELECT</c> into a table
/// with an auto-increment key takes InnoDB's table-level AUTO-INC lock for the whole statement (MariaDB's default
/// <c>innodb_autoinc_lock_mode=1</c>), and two writers at once then failed "to read auto-increment value". Rejections
/// are few, so rows by value cost little; nothing is hidden as <c>INSERT IGNORE</c> would.
/// </summary>
internal static class NewRejections
{
    private const int SliceRows = 500;

    private static readonly IReadOnlyList<string> Columns = WarehouseTables.RejectedColumns;

    /// <param name="records">Without repeated sources.</param>
    /// <returns>The rejections newly stored.</returns>
    public static async Task<int> InsertAsync(
        MySqlConnection connection, MySqlTransaction transaction, IReadOnlyList<RejectedRecord> records, CancellationToken cancellationToken)
    {
        var inserted = 0;
        var values = new object?[Columns.Count];
        foreach (var slice in records.Chunk(SliceRows))
        {
            var known = await KnownSourcesAsync(connection, transaction, slice, cancellationToken);
            var fresh = slice.Where(record => !known.Contains(record.Source)).ToList();
            if (fresh.Count == 0)
            {
                continue;
            }

            await using var command = new MySqlCommand { Connection = connection, Transaction = transaction };
            var sql = new StringBuilder($"INSERT INTO {MySqlSql.Quote(WarehouseTables.RejectedRecords)} ({MySqlSql.ColumnList(Columns)}) VALUES ");
            for (var row = 0; row < fresh.Count; row++)
            {
                RowMapping.Fill(values, fresh[row]);
                sql.Append(row == 0 ? "(" : ", (");
                for (var column = 0; column < values.Length; column++)
                {
                    var name = $"@r{row}_{column}";
                    sql.Append(column == 0 ? name : ", " + name);
                    command.Parameters.AddWithValue(name, values[column] ?? DBNull.Value);
                }

                sql.Append(')');
            }

            inserted += await ExecuteAsync(command, sql.ToString(), cancellationToken);
        }

        return inserted;
    }

    private static async Task<HashSet<string>> KnownSourcesAsync(
        MySqlConnection connection, MySqlTransaction transaction, RejectedRecord[] slice, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand { Connection = connection, Transaction = transaction };
        var names = new List<string>(slice.Length);
        for (var i = 0; i < slice.Length; i++)
        {
            names.Add($"@s{i}");
            command.Parameters.AddWithValue($"@s{i}", slice[i].Source);
        }

        SetText(command, $"SELECT `source` FROM {MySqlSql.Quote(WarehouseTables.RejectedRecords)} WHERE `source` IN ({string.Join(", ", names)})");
        var known = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            known.Add(reader.GetString(0));
        }

        return known;
    }

    private static Task<int> ExecuteAsync(MySqlCommand command, string sql, CancellationToken cancellationToken)
    {
        SetText(command, sql);
        return command.ExecuteNonQueryAsync(cancellationToken);
    }

    [SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Text is built from constant table and column names and parameter names; values travel as parameters.")]
    private static void SetText(MySqlCommand command, string sql) => command.CommandText = sql;
}
