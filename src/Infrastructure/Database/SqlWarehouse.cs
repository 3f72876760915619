using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Pinterest.Modular.Application.Persistence;
using Pinterest.Modular.Domain.Common;
using Pinterest.Modular.Domain.Geo;
using Pinterest.Modular.Domain.Pins;
using Pinterest.Modular.Domain.Users;

namespace Pinterest.Modular.Infrastructure.Database;

/// <summary>
/// The warehouse on a relational database. A batch is written in one transaction with one prepared statement per
/// table, so rows, rejections and progress marks are stored together or not at all.
/// </summary>
public sealed class SqlWarehouse(IDbContextFactory<WarehouseDbContext> contexts, TimeProvider time) : IWarehouse
{
    private static readonly string PinUpsert =
        PortableSql.Upsert(WarehouseTables.Pins, WarehouseTables.PinColumns, WarehouseTables.Ind);

    private static readonly string GeoUpsert =
        PortableSql.Upsert(WarehouseTables.Geo, WarehouseTables.GeoColumns, WarehouseTables.Ind);

    private static readonly string UserUpsert =
        PortableSql.Upsert(WarehouseTables.Users, WarehouseTables.UserColumns, WarehouseTables.Ind);

    private static readonly string RejectedInsert =
        PortableSql.InsertOnce(WarehouseTables.RejectedRecords, WarehouseTables.RejectedColumns, WarehouseTables.Source);

    private static readonly string MarkUpsert =
        PortableSql.Upsert(WarehouseTables.ProgressMarks, WarehouseTables.MarkColumns, WarehouseTables.MarkKey);

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
    }

    public async Task<PersistOutcome> PersistAsync(
        CleanedBatch batch,
        IReadOnlyList<ProgressMark> marks,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(marks);

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        var dbTransaction = transaction.GetDbTransaction();

        var upserted = 0;
        upserted += await WriteAllAsync(connection, dbTransaction, PinUpsert, WarehouseTables.PinColumns, batch.Pins, RowMapping.Fill, cancellationToken);
        upserted += await WriteAllAsync(connection, dbTransaction, GeoUpsert, WarehouseTables.GeoColumns, batch.Geos, RowMapping.Fill, cancellationToken);
        upserted += await WriteAllAsync(connection, dbTransaction, UserUpsert, WarehouseTables.UserColumns, batch.Users, RowMapping.Fill, cancellationToken);
        var rejected = await WriteAllAsync(connection, dbTransaction, RejectedInsert, WarehouseTables.RejectedColumns, batch.Rejected, RowMapping.Fill, cancellationToken);

        var updatedAt = time.GetUtcNow().UtcDateTime;
        await WriteAllAsync(
            connection,
            dbTransaction,
            MarkUpsert,
            WarehouseTables.MarkColumns,
            marks,
            (values, mark) => RowMapping.Fill(values, mark, updatedAt),
            cancellationToken);

        await transaction.CommitAsync(cancellationToken);
        return new PersistOutcome(upserted, rejected);
    }

    public async Task<IReadOnlyDictionary<string, string>> GetMarksAsync(string scope, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ProgressMarks.AsNoTracking()
            .Where(mark => mark.Scope == scope)
            .ToDictionaryAsync(mark => mark.Key, mark => mark.Value, StringComparer.Ordinal, cancellationToken);
    }

    public async Task<TableCounts> CountAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return new TableCounts(
            await db.Pins.LongCountAsync(cancellationToken),
            await db.Geo.LongCountAsync(cancellationToken),
            await db.Users.LongCountAsync(cancellationToken),
            await db.RejectedRecords.LongCountAsync(cancellationToken));
    }

    public async Task<Pin?> FindPinAsync(long ind, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Pins.AsNoTracking().FirstOrDefaultAsync(pin => pin.Ind == ind, cancellationToken);
        return row is null ? null : RowMapping.ToPin(row);
    }

    public async Task<GeoLocation?> FindGeoAsync(long ind, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Geo.AsNoTracking().FirstOrDefaultAsync(geo => geo.Ind == ind, cancellationToken);
        return row is null ? null : RowMapping.ToGeo(row);
    }

    public async Task<User?> FindUserAsync(long ind, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Users.AsNoTracking().FirstOrDefaultAsync(user => user.Ind == ind, cancellationToken);
        return row is null ? null : RowMapping.ToUser(row);
    }

    public async Task<RejectedPage> GetRejectedAsync(int skip, int take, RecordKind? kind, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        ArgumentOutOfRangeException.ThrowIfNegative(take);

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.RejectedRecords.AsNoTracking();
        if (kind is { } only)
        {
            var name = only.Name();
            query = query.Where(rejected => rejected.Kind == name);
        }

        var total = await query.LongCountAsync(cancellationToken);
        var rows = await query
            .OrderByDescending(rejected => rejected.RejectedAt)
            .ThenByDescending(rejected => rejected.Id)
            .Skip(skip)
            .Take(take)
            .ToListAsync(cancellationToken);
        return new RejectedPage(rows.ConvertAll(RowMapping.ToRejected), total);
    }

    /// <returns>The rows the statements changed (an ignored duplicate counts 0).</returns>
    private static async Task<int> WriteAllAsync<T>(
        DbConnection connection,
        DbTransaction transaction,
        string sql,
        IReadOnlyList<string> columns,
        IReadOnlyList<T> items,
        Action<object?[], T> fill,
        CancellationToken cancellationToken)
    {
        if (items.Count == 0)
        {
            return 0;
        }

        await using var statement = new PreparedStatement(connection, transaction, sql, columns);
        var values = new object?[columns.Count];
        var changed = 0;
        foreach (var item in items)
        {
            cancellationToken.ThrowIfCancellationRequested();
            fill(values, item);
            changed += await statement.ExecuteAsync(values, cancellationToken);
        }

        return changed;
    }
}
