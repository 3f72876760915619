using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Pinterest.Modular.Application.Kinds;
using Pinterest.Modular.Application.Persistence;
using Pinterest.Modular.Domain.Common;
using Pinterest.Modular.Infrastructure.Database.Analytics;

namespace Pinterest.Modular.Infrastructure.Database;

/// <summary>
/// The warehouse on a relational database. A batch is written in one transaction by the engine's batch writer
/// (prepared upserts on SQLite, COPY and a staged upsert on PostgreSQL), so rows, rejections and progress marks are
/// stored together or not at all, with the bump of the change counters of the tables it wrote (<see cref="WarehouseChangeCounter"/>).
/// </summary>
public sealed class SqlWarehouse(
    IDbContextFactory<WarehouseDbContext> contexts,
    DatabaseProvider provider,
    RecordKindRegistry kinds,
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
    /// Rows per kind's table. Where this process keeps the analytics up to date (<see cref="MaintainedAnalytics"/>, once
    /// they were asked for), pins, geo and users are the rows it holds, brought up to date by reading what changed. Else
    /// they are counted again only when the change counter moved: counting a table of a million rows scans it (on
    /// SQLite, about as much CPU as the page polling <c>/api/stats</c> every 3 s can spare). A kind the analytics do not
    /// read bumps no counter, so its count is taken every time.
    /// </summary>
    public async Task<TableCounts> CountAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        var held = HeldRows(await maintained.TryCountAsync(cancellationToken));
        var version = await changes.ReadAsync(cancellationToken);
        CountedRows? counted;
        lock (_countedGate)
        {
            counted = _counted;
        }

        var connection = db.Database.GetDbConnection();
        var rows = new Dictionary<RecordKind, long>();
        foreach (var kind in kinds.All)
        {
            if (held.TryGetValue(kind.Kind, out var kept))
            {
                rows[kind.Kind] = kept;
                continue;
            }

            var analysed = WarehouseTables.Analysed.Contains(kind.Warehouse.Name, StringComparer.Ordinal);
            if (analysed && counted is not null && counted.Version == version && counted.Rows.TryGetValue(kind.Kind, out var known))
            {
                rows[kind.Kind] = known;
                continue;
            }

            // Counted after the counter was read: a change in between is counted and still moves the counter past this.
            rows[kind.Kind] = await ScalarAsync(connection, KindTable.Of(kind).Count, cancellationToken);
        }

        lock (_countedGate)
        {
            _counted = new CountedRows(version, rows);
        }

        return new TableCounts(rows, await db.RejectedRecords.LongCountAsync(cancellationToken));
    }

    [SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Text is built from the kind's table and column names; the key is a parameter.")]
    public async Task<object?> FindAsync(RecordKindDescription kind, long ind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kind);
        var table = KindTable.Of(kind);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = table.SelectByKey;
        var key = command.CreateParameter();
        key.ParameterName = "@key";
        key.Value = ind;
        command.Parameters.Add(key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? table.Read(reader) : null;
    }

    public async Task<RejectedPage> GetRejectedAsync(int skip, int take, RecordKind? kind, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        ArgumentOutOfRangeException.ThrowIfNegative(take);

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.RejectedRecords.AsNoTracking();
        if (kind is { } only)
        {
            var name = only.Name;
            query = query.Where(rejected => rejected.Kind == name);
        }

        var total = await query.LongCountAsync(cancellationToken);
        var rows = await query
            .OrderByDescending(rejected => rejected.RejectedAt)
            .ThenByDescending(rejected => rejected.Id)
            .Skip(skip)
            .Take(take)
            .ToListAsync(cancellationToken);
        return new RejectedPage(rows.ConvertAll(row => RowMapping.ToRejected(row, kinds)), total);
    }

    [SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Text is built from the kinds' table names.")]
    private static Dictionary<RecordKind, long> HeldRows((long Pins, long Geo, long Users)? held) => held is { } rows
        ? new() { [RecordKind.Pin] = rows.Pins, [RecordKind.Geo] = rows.Geo, [RecordKind.User] = rows.Users }
        : [];

    private static async Task<long> ScalarAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private sealed record CountedRows(long Version, IReadOnlyDictionary<RecordKind, long> Rows);
}
