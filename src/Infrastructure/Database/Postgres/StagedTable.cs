using System.Diagnostics.CodeAnalysis;
using Npgsql;

namespace Pinterest.Modular.Infrastructure.Database.Postgres;

/// <summary>
/// A warehouse table written through a temporary staging table: binary COPY of a slice of rows into the stage, then
/// one <c>INSERT ... SELECT ... ON CONFLICT</c> into the table, slice after slice, all in the caller's transaction.
/// The stage is dropped at commit or rollback.
/// </summary>
/// <param name="table">The warehouse table.</param>
/// <param name="columns">The columns written, in the order the fill action puts values.</param>
/// <param name="onConflict">What a row whose key exists does (<c>ON CONFLICT (...) DO ...</c>).</param>
internal sealed class StagedTable(string table, IReadOnlyList<string> columns, string onConflict)
{
    // Rows per COPY and per upsert: bounds the stage and each statement while keeping round trips few.
    public const int SliceRows = 10_000;

    private readonly string stage = "pm_stage_" + table;
    private readonly string columnList = string.Join(", ", columns);

    /// <summary><c>ON CONFLICT (keys) DO UPDATE</c> every other column to the new value.</summary>
    public static StagedTable Upsert(string table, IReadOnlyList<string> columns, IReadOnlyList<string> keys)
    {
        var updates = columns
            .Where(column => !keys.Contains(column, StringComparer.Ordinal))
            .Select(column => $"{column} = excluded.{column}");
        return new(table, columns, $"ON CONFLICT ({string.Join(", ", keys)}) DO UPDATE SET {string.Join(", ", updates)}");
    }

    /// <summary><c>ON CONFLICT (keys) DO NOTHING</c>: a stored row is kept.</summary>
    public static StagedTable InsertOnce(string table, IReadOnlyList<string> columns, IReadOnlyList<string> keys) =>
        new(table, columns, $"ON CONFLICT ({string.Join(", ", keys)}) DO NOTHING");

    /// <summary>Writes every item; the items must not repeat a key (one statement cannot touch a row twice).</summary>
    /// <returns>The rows the upserts changed (a kept row counts 0).</returns>
    public async Task<int> WriteAsync<T>(
        NpgsqlConnection connection,
        IReadOnlyList<T> items,
        Action<object?[], T> fill,
        CancellationToken cancellationToken)
    {
        if (items.Count == 0)
        {
            return 0;
        }

        // Built from the table's own columns (types and all) but without its constraints: a bad value fails at the
        // INSERT into the table, with the table's name in the message.
        await ExecuteAsync(connection, $"CREATE TEMP TABLE {stage} ON COMMIT DROP AS SELECT {columnList} FROM {table} WITH NO DATA", cancellationToken);
        var copy = $"COPY {stage} ({columnList}) FROM STDIN (FORMAT BINARY)";
        var merge = $"INSERT INTO {table} ({columnList}) SELECT {columnList} FROM {stage} {onConflict}; TRUNCATE {stage}";
        var values = new object?[columns.Count];
        var changed = 0;
        foreach (var slice in items.Chunk(SliceRows))
        {
            await using (var importer = await connection.BeginBinaryImportAsync(copy, cancellationToken))
            {
                foreach (var item in slice)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    fill(values, item);
                    await importer.StartRowAsync(cancellationToken);
                    foreach (var value in values)
                    {
                        await BinaryValues.WriteAsync(importer, value, cancellationToken);
                    }
                }

                await importer.CompleteAsync(cancellationToken);
            }

            changed += await ExecuteAsync(connection, merge, cancellationToken);
        }

        return changed;
    }

    [SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Text is built from constant table and column names.")]
    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
