using System.Data;
using System.Diagnostics.CodeAnalysis;
using MySqlConnector;

namespace Pinterest.Modular.Infrastructure.Database.MySql;

/// <summary>
/// A warehouse table written through a temporary staging table: <see cref="MySqlBulkCopy"/> (LOAD DATA LOCAL INFILE)
/// of a slice of rows into the stage, then one statement from the stage into the table, slice after slice, all in the
/// caller's transaction. Temporary tables neither commit the transaction when created or dropped nor outlive the
/// session.
/// </summary>
/// <param name="table">The warehouse table.</param>
/// <param name="columns">The columns written, in the order the fill action puts values.</param>
/// <param name="keys">The unique key the rows are matched on; a stored row takes the new values.</param>
internal sealed class BulkStage(string table, IReadOnlyList<string> columns, IReadOnlyList<string> keys)
{
    // Rows per load and per merge: bounds the stage and each statement while keeping round trips few.
    public const int SliceRows = 10_000;

    private readonly string stage = MySqlSql.Quote("pm_stage_" + table);
    private readonly string target = MySqlSql.Quote(table);
    private readonly string columnList = MySqlSql.ColumnList(columns);

    /// <summary>Writes every item; the items must not repeat a key (one statement cannot upsert a row twice).</summary>
    /// <returns>The rows the merges reported.</returns>
    public async Task<int> WriteAsync<T>(
        MySqlConnection connection,
        MySqlTransaction transaction,
        IReadOnlyList<T> items,
        Action<object?[], T> fill,
        CancellationToken cancellationToken)
    {
        if (items.Count == 0)
        {
            return 0;
        }

        // The written columns with the table's types, collation and NOT NULLs, but no keys (repeats are collapsed
        // before): a bad value fails at the load, with the column named.
        await ExecuteAsync(connection, transaction, $"DROP TEMPORARY TABLE IF EXISTS {stage}", cancellationToken);
        await ExecuteAsync(connection, transaction, $"CREATE TEMPORARY TABLE {stage} SELECT {columnList} FROM {target} LIMIT 0", cancellationToken);
        var written = 0;
        try
        {
            foreach (var slice in items.Chunk(SliceRows))
            {
                await LoadAsync(connection, transaction, slice, fill, cancellationToken);
                written += await MergeAsync(connection, transaction, cancellationToken);
                await ExecuteAsync(connection, transaction, $"DELETE FROM {stage}", cancellationToken);
            }
        }
        finally
        {
            await ExecuteAsync(connection, transaction, $"DROP TEMPORARY TABLE IF EXISTS {stage}", CancellationToken.None);
        }

        return written;
    }

    private async Task LoadAsync<T>(
        MySqlConnection connection, MySqlTransaction transaction, T[] slice, Action<object?[], T> fill, CancellationToken cancellationToken)
    {
        using var data = new DataTable();
        data.Locale = System.Globalization.CultureInfo.InvariantCulture;
        foreach (var column in columns)
        {
            data.Columns.Add(column, typeof(object));
        }

        var values = new object?[columns.Count];
        foreach (var item in slice)
        {
            cancellationToken.ThrowIfCancellationRequested();
            fill(values, item);
            data.Rows.Add(values.Select(value => value ?? DBNull.Value).ToArray());
        }

        var bulk = new MySqlBulkCopy(connection, transaction) { DestinationTableName = stage, BulkCopyTimeout = 0 };
        for (var i = 0; i < columns.Count; i++)
        {
            bulk.ColumnMappings.Add(new MySqlBulkCopyColumnMapping(i, columns[i]));
        }

        // LOAD DATA turns what an INSERT refuses (a null in a NOT NULL column, a value too long) into a warning and a
        // made-up value: any warning fails the batch, naming the table and the server's words.
        var result = await bulk.WriteToServerAsync(data, cancellationToken);
        if (result.RowsInserted != slice.Length || result.Warnings.Count > 0)
        {
            var warnings = string.Join("; ", result.Warnings.Take(3).Select(warning => warning.Message));
            throw new BulkLoadException($"Loading {table}: {result.RowsInserted} of {slice.Length} rows, {result.Warnings.Count} warning(s): {warnings}");
        }
    }

    // The stage's rows replace the table's rows with the same key; new keys are inserted.
    private Task<int> MergeAsync(MySqlConnection connection, MySqlTransaction transaction, CancellationToken cancellationToken)
    {
        var updates = MySqlSql.NonKeys(columns, keys).Select(column => $"{MySqlSql.Quote(column)} = s.{MySqlSql.Quote(column)}");
        return ExecuteAsync(
            connection,
            transaction,
            $"INSERT INTO {target} ({columnList}) SELECT {columnList} FROM {stage} s ON DUPLICATE KEY UPDATE {string.Join(", ", updates)}",
            cancellationToken);
    }

    [SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Text is built from constant table and column names.")]
    private static async Task<int> ExecuteAsync(MySqlConnection connection, MySqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand(sql, connection, transaction);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
