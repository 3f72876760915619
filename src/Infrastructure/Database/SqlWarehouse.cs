using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Pinterest.Modular.Infrastructure.Database.Analytics;
using Pinterest.Modular.Application.Persistence;
using Pinterest.Modular.Domain.Common;
using Pinterest.Modular.Domain.Geo;
using Pinterest.Modular.Domain.Pins;
using Pinterest.Modular.Domain.Users;

namespace Pinterest.Modular.Infrastructure.Database;

/// <summary>
/// The warehouse on a relational database. A batch is written in one transaction by the engine's batch writer
/// (prepared upserts on SQLite, COPY and a staged upsert on PostgreSQL), so rows, rejections and progress marks are
/// stored together or not at all, with the bump of the change counters of the tables it wrote (<see cref="WarehouseChangeCounter"/>).
/// </summary>
public sealed class SqlWarehouse(
    IDbContextFactory<WarehouseDbContext> contexts,
    DatabaseProvider provider,
    WarehouseSchema schema,
    IWarehouseChanges changes,
    MaintainedAnalytics maintained,
    TimeProvider time) : IWarehouse
{
    private readonly Lock _countedGate = new();
    private CountedRows? _counted;

    /// <summary>Migrates, or checks the schema is current, as <c>Database:Migrate</c> says (see <see cref="WarehouseSchema"/>).</summary>
    public Task EnsureCreatedAsync(CancellationToken cancellationToken) => schema.EnsureCurrentAsync(cancellationToken);

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
        var outcome = await provider.BatchWriter.WriteAsync(
            db.Database.GetDbConnection(),
            transaction.GetDbTransaction(),
            batch,
            marks,
            time.GetUtcNow().UtcDateTime,
            cancellationToken);
        await WarehouseChangeCounter.BumpAsync(db.Database.GetDbConnection(), transaction.GetDbTransaction(), batch, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return outcome;
    }

    public async Task<IReadOnlyDictionary<string, string>> GetMarksAsync(string scope, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ProgressMarks.AsNoTracking()
            .Where(mark => mark.Scope == scope)
            .ToDictionaryAsync(mark => mark.Key, mark => mark.Value, StringComparer.Ordinal, cancellationToken);
    }

    /// <summary>
    /// Rows per table. Where this process keeps the analytics up to date (<see cref="MaintainedAnalytics"/>, once they
    /// were asked for), pins, geo and users are the rows it holds, brought up to date by reading what changed. Else they
    /// are counted again only when the change counter moved: counting a table of a million rows scans it (on SQLite,
    /// about as much CPU as the page polling <c>/api/stats</c> every 3 s can spare).
    /// </summary>
    public async Task<TableCounts> CountAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await maintained.TryCountAsync(cancellationToken) is { } held)
        {
            return new TableCounts(held.Pins, held.Geo, held.Users, await db.RejectedRecords.LongCountAsync(cancellationToken));
        }

        var version = await changes.ReadAsync(cancellationToken);
        CountedRows? counted;
        lock (_countedGate)
        {
            counted = _counted;
        }

        if (counted is null || counted.Version != version)
        {
            // Counted after the counter was read: a change in between is counted and still moves the counter past this.
            counted = new CountedRows(
                version,
                await db.Pins.LongCountAsync(cancellationToken),
                await db.Geo.LongCountAsync(cancellationToken),
                await db.Users.LongCountAsync(cancellationToken));
            lock (_countedGate)
            {
                _counted = counted;
            }
        }

        return new TableCounts(counted.Pins, counted.Geo, counted.Users, await db.RejectedRecords.LongCountAsync(cancellationToken));
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

    private sealed record CountedRows(long Version, long Pins, long Geo, long Users);
}
