using System.Data.Common;
using Pinterest.Modular.Application.Persistence;

namespace Pinterest.Modular.Infrastructure.Database.Sqlite;

/// <summary>
/// SQLite's batch path: one prepared statement per table (each kind's, then the rejections'), executed for every row. In process, a prepared upsert
/// costs microseconds, so there is nothing to gain from staging.
/// </summary>
internal sealed class PreparedBatchWriter : IBatchWriter
{
    public async Task<PersistOutcome> WriteAsync(
        DbConnection connection,
        DbTransaction transaction,
        CleanedBatch batch,
        IReadOnlyList<ProgressMark> marks,
        DateTime updatedAt,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);

        var upserted = 0;
        foreach (var rows in batch.Rows)
        {
            var table = KindTable.Of(rows.Kind);
            upserted += await PreparedUpserts.WriteAllAsync(connection, transaction, table.Upsert, table.Columns, rows.Rows, table.Fill, cancellationToken);
        }

        var rejected = await PreparedUpserts.WriteAllAsync(connection, transaction, PreparedUpserts.Rejected, WarehouseTables.RejectedColumns, batch.Rejected, RowMapping.Fill, cancellationToken);
        await PreparedUpserts.WriteMarksAsync(connection, transaction, marks, updatedAt, cancellationToken);
        return new PersistOutcome(upserted, rejected);
    }
}
