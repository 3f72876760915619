using System.Data.Common;
using MySqlConnector;
using Pinterest.Modular.Application.Persistence;

namespace Pinterest.Modular.Infrastructure.Database.MySql;

/// <summary>
/// MySQL's batch path: pins, geo and users bulk-loaded into a staging table and merged with one statement per slice
/// (<see cref="BulkStage"/>), where a row at a time would cost a network round trip each; rejections, few, by value
/// (<see cref="NewRejections"/>); marks, fewer, through a prepared upsert.
/// </summary>
internal sealed class StagedBatchWriter : IBatchWriter
{
    private static readonly BulkStage Pins = new(WarehouseTables.Pins, WarehouseTables.PinColumns, WarehouseTables.Ind);

    private static readonly BulkStage Geo = new(WarehouseTables.Geo, WarehouseTables.GeoColumns, WarehouseTables.Ind);

    private static readonly BulkStage Users = new(WarehouseTables.Users, WarehouseTables.UserColumns, WarehouseTables.Ind);

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
        await Pins.WriteAsync(mysql, inTransaction, UniqueKeys.KeepLast(batch.Pins, pin => pin.Ind), RowMapping.Fill, cancellationToken);
        await Geo.WriteAsync(mysql, inTransaction, UniqueKeys.KeepLast(batch.Geos, geo => geo.Ind), RowMapping.Fill, cancellationToken);
        await Users.WriteAsync(mysql, inTransaction, UniqueKeys.KeepLast(batch.Users, user => user.Ind), RowMapping.Fill, cancellationToken);
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
