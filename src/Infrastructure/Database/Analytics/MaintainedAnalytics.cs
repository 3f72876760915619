using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Pinterest.Modular.Application.Analytics;

namespace Pinterest.Modular.Infrastructure.Database.Analytics;

/// <summary>
/// The nine results for the serving process, kept in memory as <see cref="MaintainedNine"/>: the first call reads the
/// columns of the whole warehouse (as <see cref="ColumnScanAnalyticsQueries"/> does); later calls read only the rows of
/// the posting events stored since (listed by <see cref="ChangedKeys"/>, by any process sharing the database) and
/// replace them, or read everything again when the list is incomplete (a batch run, a reader too far behind).
/// </summary>
/// <remarks>
/// The persist number is read before the rows: rows read may be newer than it, and are read again with their own
/// number later, which sets them to what they already are.
/// </remarks>
public sealed class MaintainedAnalytics(
    IDbContextFactory<WarehouseDbContext> contexts,
    DatabaseProvider provider) : IMaintainedAnalytics, IDisposable
{
    /// <summary>Past this many listed events, reading everything again is about as cheap.</summary>
    private const int MostEventsReplaced = 100_000;

    private readonly SemaphoreSlim gate = new(1, 1);
    private MaintainedNine? nine;
    private long heldVersion;
    private IReadOnlyList<AnalyticsResult>? results;

    /// <summary>How many times the whole warehouse was read, and how many posting events were replaced: for tests.</summary>
    public (int FullReads, long EventsReplaced) Work { get; private set; }

    public async Task<IReadOnlyList<AnalyticsResult>> RunAllAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            var held = await BringUpToDateAsync(readEverythingIfNeeded: true, cancellationToken);
            return results ??= held!.Results();
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Rows of pins, geo and users as stored now, from the held rows brought up to date (what changed is read), so
    /// <c>/api/stats</c> need not count a million rows; null while nothing is held, or when catching up would mean
    /// reading everything, or while a refresh runs (the caller counts in SQL then, rather than wait for a full read).
    /// </summary>
    public async Task<(long Pins, long Geo, long Users)?> TryCountAsync(CancellationToken cancellationToken)
    {
        if (!await gate.WaitAsync(TimeSpan.Zero, cancellationToken))
        {
            return null;
        }

        try
        {
            return nine is null || await BringUpToDateAsync(readEverythingIfNeeded: false, cancellationToken) is not { } held
                ? null
                : (held.Pins, held.Geo, held.Users);
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose() => gate.Dispose();

    // Under the gate. Null only when not allowed to read everything and it would have to.
    private async Task<MaintainedNine?> BringUpToDateAsync(bool readEverythingIfNeeded, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        var head = await ChangedKeys.ReadHeadAsync(connection, cancellationToken);
        if (nine is not null && head == heldVersion)
        {
            return nine;
        }

        try
        {
            if (nine is null || !await CatchUpAsync(nine, connection, head, cancellationToken))
            {
                if (!readEverythingIfNeeded)
                {
                    return null;
                }

                nine = await ReadEverythingAsync(connection, cancellationToken);
            }

            heldVersion = head;
            results = null;
            return nine;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Half-replaced tallies must not be served or built on: read everything at the next call.
            nine = null;
            results = null;
            throw;
        }
    }

    private async Task<MaintainedNine> ReadEverythingAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var columns = new AnalyticsColumns();
        if (nine is { } before)
        {
            columns.Reserve(before.Pins, before.Geo, before.Users);
        }

        await provider.ReadAnalyticsColumnsAsync(connection, columns, cancellationToken);
        Work = (Work.FullReads + 1, Work.EventsReplaced);
        return MaintainedNine.Build(columns);
    }

    /// <summary>Replaces the posting events stored after the held number; false when they are not all listed.</summary>
    private async Task<bool> CatchUpAsync(MaintainedNine held, DbConnection connection, long head, CancellationToken cancellationToken)
    {
        var changed = await ChangedKeys.ReadSinceAsync(connection, heldVersion, head, MostEventsReplaced, cancellationToken);
        if (changed is null)
        {
            return false;
        }

        var rows = new AnalyticsColumns(held.Text);
        await DataReaderColumns.ReadAsync(
            sql => ChangedKeys.Command(connection, sql, heldVersion, head),
            ChangedKeys.RowsChangedFilter,
            provider.YearOf,
            rows,
            cancellationToken);

        // All read before any is replaced: a failed read leaves the held tallies as they were.
        var pins = rows.Pins.ToDictionary(pin => pin.Ind);
        var geo = rows.Geo.ToDictionary(row => row.Ind);
        var users = rows.Users.ToDictionary(user => user.Ind);
        foreach (var ind in changed)
        {
            held.Replace(
                ind,
                pins.TryGetValue(ind, out var pin) ? pin : null,
                geo.TryGetValue(ind, out var place) ? place : null,
                users.TryGetValue(ind, out var user) ? user : null);
        }

        Work = (Work.FullReads, Work.EventsReplaced + changed.Count);
        return true;
    }
}
