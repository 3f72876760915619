using System.Data.Common;
using Pinterest.Modular.Application.Persistence;

namespace Pinterest.Modular.Infrastructure.Database.Sqlite;

/// <summary>
/// SQLite's batch path: one prepared statement per table, executed for every row. In process, a prepared upsert
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
        upserted += await PreparedUpserts.WriteAllAsync(connection, transaction, PreparedUpserts.Pin, WarehouseTables.PinColumns, batch.Pins, RowMapping.Fill, cancellationToken);
        upserted += await PreparedUpserts.WriteAllAsync(connection, transaction, PreparedUpserts.Geo, WarehouseTables.GeoColumns, batch.Geos, RowMapping.Fill, cancellationToken);
        upserted += await PreparedUpserts.WriteAllAsync(connection, transaction, PreparedUpserts.User, WarehouseTables.UserColumns, batch.Users, RowMapping.Fill, cancellationToken);
        var rejected = await PreparedUpserts.WriteAllAsync(connection, transaction, PreparedUpserts.Rejected, WarehouseTables.RejectedColumns, batch.Rejected, RowMapping.Fill, cancellationToken);
        await PreparedUpserts.WriteMarksAsync(connection, transaction, marks, updatedAt, cancellationToken);
        return new PersistOutcome(upserted, rejected);
    }
}
