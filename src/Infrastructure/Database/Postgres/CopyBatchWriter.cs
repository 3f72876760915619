using System.Collections.Concurrent;
using System.Data.Common;
using Npgsql;
using Pinterest.Modular.Application.Kinds;
using Pinterest.Modular.Application.Persistence;

namespace Pinterest.Modular.Infrastructure.Database.Postgres;

/// <summary>
/// PostgreSQL's batch path: binary COPY into a staging table and one <c>INSERT ... ON CONFLICT</c> per table and
/// slice (<see cref="StagedTable"/>), where a prepared upsert would cost a network round trip per row. Marks are few
/// and go through the portable prepared upsert.
/// </summary>
internal sealed class CopyBatchWriter : IBatchWriter
{
    private static readonly ConcurrentDictionary<RecordKindDescription, StagedTable> KindStages = new();

    private static readonly StagedTable Rejected =
        StagedTable.InsertOnce(WarehouseTables.RejectedRecords, WarehouseTables.RejectedColumns, WarehouseTables.Source);

    public async Task<PersistOutcome> WriteAsync(
        DbConnection connection,
        DbTransaction transaction,
        CleanedBatch batch,
        IReadOnlyList<ProgressMark> marks,
        DateTime updatedAt,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var npgsql = connection as NpgsqlConnection
            ?? throw new ArgumentException($"The COPY path needs an Npgsql connection, not {connection?.GetType().Name}.", nameof(connection));

        // One statement cannot upsert a key twice, so repeats collapse first, as sequential upserts would leave them:
        // the last row for an ind wins, the first rejection for a source stays.
        foreach (var rows in batch.Rows)
        {
            var table = KindTable.Of(rows.Kind);
            var stage = KindStages.GetOrAdd(rows.Kind, _ => StagedTable.Upsert(table.Name, table.Columns, table.Key));
            await stage.WriteAsync(npgsql, UniqueKeys.KeepLast(rows.Rows, rows.Kind.KeyOf), table.Fill, cancellationToken);
        }

        var rejected = await Rejected.WriteAsync(
            npgsql, UniqueKeys.KeepFirst(batch.Rejected, record => record.Source), RowMapping.Fill, cancellationToken);
        await PreparedUpserts.WriteMarksAsync(connection, transaction, marks, updatedAt, cancellationToken);

        // Every cleaned row counts once, repeats included, as SQLite's one upsert per row counts them.
        return new PersistOutcome(batch.RowCount, rejected);
    }
}
