using System.Collections.Concurrent;
using System.Data.Common;
using MySqlConnector;
using Pinterest.Modular.Application.Kinds;
using Pinterest.Modular.Application.Persistence;

namespace Pinterest.Modular.Infrastructure.Database.MySql;

/// <summary>
/// MySQL's batch path: each kind's rows bulk-loaded into a staging table and merged with one statement per slice
/// (<see cref="BulkStage"/>), where a row at a time would cost a network round trip each; rejections, few, by value
/// (<see cref="NewRejections"/>); marks, fewer, through a prepared upsert.
/// </summary>
internal sealed class StagedBatchWriter : IBatchWriter
{
    private static readonly ConcurrentDictionary<RecordKindDescription, BulkStage> KindStages = new();

    public async Task<PersistOutcome> WriteAsync(
        DbConnection connection,
        DbTransaction transaction,
        CleanedBatch batch,
        IReadOnlyList<ProgressMark> marks,
        DateTime updatedAt,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var mysql = connection as MySqlConnection
            ?? throw new ArgumentException($"The bulk path needs a MySqlConnector connection, not {connection?.GetType().Name}.", nameof(connection));
        var inTransaction = transaction as MySqlTransaction
            ?? throw new ArgumentException($"The bulk path needs a MySqlConnector transaction, not {transaction?.GetType().Name}.", nameof(transaction));

        // Repeats collapse first, as sequential upserts would leave them: the last row for an ind wins, the first
        // rejection for a source stays (and is counted once).
        foreach (var rows in batch.Rows)
        {
            var table = KindTable.Of(rows.Kind);
            var stage = KindStages.GetOrAdd(rows.Kind, _ => new BulkStage(table.Name, table.Columns, table.Key));
            await stage.WriteAsync(mysql, inTransaction, UniqueKeys.KeepLast(rows.Rows, rows.Kind.KeyOf), table.Fill, cancellationToken);
        }

        var rejected = await NewRejections.InsertAsync(
            mysql, inTransaction, UniqueKeys.KeepFirst(batch.Rejected, record => record.Source), cancellationToken);
        await PreparedUpserts.WriteAllAsync(
            connection,
            transaction,
            MySqlSql.MarkUpsert,
            WarehouseTables.MarkColumns,
            marks,
            (values, mark) => RowMapping.Fill(values, mark, updatedAt),
            cancellationToken);

        // Every cleaned row counts once, repeats included, as SQLite's one upsert per row counts them.
        return new PersistOutcome(batch.RowCount, rejected);
    }
}
