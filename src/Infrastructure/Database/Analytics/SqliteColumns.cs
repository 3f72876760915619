using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Pinterest.Modular.Infrastructure.Database.Analytics;

/// <summary>
/// Reads <see cref="AnalyticsColumns"/> from SQLite through its C interface (<see cref="SqliteScan"/>): text is looked
/// up by its UTF-8 bytes, so a value already seen allocates nothing. Through ADO.NET the same read cost 5 s for the
/// 1,000,000 pins, against under a second for <c>sqlite3</c> scanning them. The statements and the year are
/// <see cref="DataReaderColumns"/>' with SQLite's <c>strftime</c>. The pins (most of the bytes) are read beside geo
/// and users, on two connections sharing one snapshot.
/// </summary>
/// <remarks>
/// The loops are compiled optimised at once: a cold <c>query</c> otherwise runs a million rows through unoptimised
/// code while tiered compilation catches up (the cold read took 6.7 s of CPU before, 5.5 s after, on a busy machine).
/// </remarks>
internal static class SqliteColumns
{
    private const int CancellationCheckRows = 65_536;

    /// <summary>
    /// Reads the pins on one connection and, at the same time, geo and users on a second one opened on the first's
    /// WAL snapshot (<c>sqlite3_snapshot_open</c>), so both see one committed state. Where no snapshot can be taken (a
    /// database not in WAL mode), all three on the first, in its one read transaction.
    /// </summary>
    /// <remarks>
    /// Connections of their own, read-only, without SQLite's per-call mutex (each is used by one thread), and with
    /// SQLite's default page cache: a scan gains nothing from the host's large one, and filling it costs page faults.
    /// </remarks>
    public static void Read(
        string connectionString, TimeSpan busyTimeout, Func<string, string> yearOf, AnalyticsColumns columns, CancellationToken cancellationToken)
    {
        var path = new SqliteConnectionStringBuilder(connectionString).DataSource;
        using var first = Open(path, busyTimeout);
        Execute(first, "BEGIN");
        Execute(first, "SELECT 1 FROM sqlite_master LIMIT 1"); // starts the read, whose snapshot the second connection shares
        if (raw.sqlite3_snapshot_get(first, "main", out var snapshot) != raw.SQLITE_OK)
        {
            ReadPins(first, columns, cancellationToken);
            ReadGeoAndUsers(first, yearOf, columns, cancellationToken);
            return;
        }

        using (snapshot)
        {
            using var second = Open(path, busyTimeout);
            Execute(second, "BEGIN");
            SqliteException.ThrowExceptionForRC(raw.sqlite3_snapshot_open(second, "main", snapshot), second);
            var geoAndUsers = Task.Run(() => ReadGeoAndUsers(second, yearOf, columns, cancellationToken), cancellationToken);
            try
            {
                ReadPins(first, columns, cancellationToken);
            }
            finally
            {
                Task.WaitAny([geoAndUsers], CancellationToken.None); // the second connection closes only once its reader is done with it
            }

            geoAndUsers.GetAwaiter().GetResult();
        }
    }

    // Asking the journal mode reads the file's header: a connection that has not cannot open a WAL snapshot.
    private static sqlite3 Open(string path, TimeSpan busyTimeout)
    {
        var rc = raw.sqlite3_open_v2(path, out var db, raw.SQLITE_OPEN_READONLY | raw.SQLITE_OPEN_NOMUTEX, null);
        if (rc != raw.SQLITE_OK)
        {
            using (db)
            {
                SqliteException.ThrowExceptionForRC(rc, db);
            }
        }

        raw.sqlite3_busy_timeout(db, (int)busyTimeout.TotalMilliseconds);
        Execute(db, "PRAGMA journal_mode");
        return db;
    }

    private static void Execute(sqlite3 db, string sql) => SqliteException.ThrowExceptionForRC(raw.sqlite3_exec(db, sql), db);

    private static void ReadPins(sqlite3 db, AnalyticsColumns columns, CancellationToken cancellationToken)
    {
        using var pins = new SqliteScan(db, DataReaderColumns.PinsSql);
        ReadPins(pins, columns, cancellationToken);
    }

    private static void ReadGeoAndUsers(sqlite3 db, Func<string, string> yearOf, AnalyticsColumns columns, CancellationToken cancellationToken)
    {
        using (var geo = new SqliteScan(db, DataReaderColumns.GeoSql(yearOf)))
        {
            ReadGeo(geo, columns, cancellationToken);
        }

        using var users = new SqliteScan(db, DataReaderColumns.UsersSql(yearOf));
        ReadUsers(users, columns, cancellationToken);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ReadPins(SqliteScan row, AnalyticsColumns columns, CancellationToken cancellationToken)
    {
        for (var rows = 1; row.Step(); rows++)
        {
            columns.Pins.Add(new PinEntry(
                row.Int64(0), TextId(row, 1, columns.Categories), TextId(row, 2, columns.Posters), row.Int64OrNull(3)));
            CheckCancellation(rows, cancellationToken);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ReadGeo(SqliteScan row, AnalyticsColumns columns, CancellationToken cancellationToken)
    {
        for (var rows = 1; row.Step(); rows++)
        {
            columns.Geo.Add(new GeoEntry(row.Int64(0), TextId(row, 1, columns.Countries), (int?)row.Int64OrNull(2)));
            CheckCancellation(rows, cancellationToken);
        }
    }

    // date_joined is stored as text: equal text, equal key, as SQL's DISTINCT compares it.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ReadUsers(SqliteScan row, AnalyticsColumns columns, CancellationToken cancellationToken)
    {
        for (var rows = 1; row.Step(); rows++)
        {
            var joined = TextId(row, 4, columns.JoinedTexts);
            columns.Users.Add(new UserEntry(
                row.Int64(0),
                TextId(row, 1, columns.UserNames),
                (int?)row.Int64OrNull(2),
                (int?)row.Int64OrNull(3),
                joined == TextIds.Null ? null : joined));
            CheckCancellation(rows, cancellationToken);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CheckCancellation(int rows, CancellationToken cancellationToken)
    {
        if (rows % CancellationCheckRows == 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int TextId(SqliteScan row, int column, TextIds ids)
    {
        var utf8 = row.Utf8(column, out var isNull);
        return isNull ? TextIds.Null : ids.IdOf(utf8);
    }
}
