using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Pinterest.Modular.Infrastructure.Database.Analytics;

/// <summary>
/// Reads <see cref="AnalyticsColumns"/> from SQLite through its C interface on the connections' handles: text is
/// looked up by its UTF-8 bytes, so a value already seen allocates nothing. Through
/// ADO.NET the same read cost 5 s for the 1,000,000 pins, against under a second for <c>sqlite3</c> scanning them.
/// The statements and the year are <see cref="DataReaderColumns"/>' with SQLite's <c>strftime</c>. The pins (most of
/// the bytes) are read beside geo and users, on two connections sharing one snapshot.
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
    /// Connections of their own, not pooled, with SQLite's default page cache: a scan gains nothing from the host's
    /// large one (its connections fill 128 MiB each), and filling it costs page faults.
    /// </remarks>
    public static void Read(
        string connectionString, TimeSpan busyTimeout, Func<string, string> yearOf, AnalyticsColumns columns, CancellationToken cancellationToken)
    {
        var readOnly = new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString();
        using var first = Open(readOnly, busyTimeout);
        using var firstRead = first.BeginTransaction(deferred: true);
        var db = first.Handle!;
        using (var begin = Prepare(db, "SELECT 1 FROM sqlite_master LIMIT 1"))
        {
            raw.sqlite3_step(begin); // starts the transaction's read, whose snapshot the second connection shares
        }

        if (raw.sqlite3_snapshot_get(db, "main", out var snapshot) != raw.SQLITE_OK)
        {
            ReadPins(db, columns, cancellationToken);
            ReadGeoAndUsers(db, yearOf, columns, cancellationToken);
            return;
        }

        using (snapshot)
        {
            using var second = Open(readOnly, busyTimeout);
            using var secondRead = second.BeginTransaction(deferred: true);
            SqliteException.ThrowExceptionForRC(raw.sqlite3_snapshot_open(second.Handle, "main", snapshot), second.Handle);
            var geoAndUsers = Task.Run(() => ReadGeoAndUsers(second.Handle!, yearOf, columns, cancellationToken), cancellationToken);
            ReadPins(db, columns, cancellationToken);
            geoAndUsers.GetAwaiter().GetResult();
        }
    }

    // Asking the journal mode reads the file's header: a connection that has not cannot open a WAL snapshot.
    private static SqliteConnection Open(string connectionString, TimeSpan busyTimeout)
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var setUp = connection.CreateCommand();
        setUp.CommandText = string.Create(
            System.Globalization.CultureInfo.InvariantCulture, $"PRAGMA busy_timeout={(long)busyTimeout.TotalMilliseconds}; PRAGMA journal_mode;");
        setUp.ExecuteNonQuery();
        return connection;
    }

    private static void ReadPins(sqlite3 db, AnalyticsColumns columns, CancellationToken cancellationToken)
    {
        using var pins = Prepare(db, DataReaderColumns.PinsSql);
        ReadPins(db, pins, columns, cancellationToken);
    }

    private static void ReadGeoAndUsers(sqlite3 db, Func<string, string> yearOf, AnalyticsColumns columns, CancellationToken cancellationToken)
    {
        using (var geo = Prepare(db, DataReaderColumns.GeoSql(yearOf)))
        {
            ReadGeo(db, geo, columns, cancellationToken);
        }

        using var users = Prepare(db, DataReaderColumns.UsersSql(yearOf));
        ReadUsers(db, users, columns, cancellationToken);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ReadPins(sqlite3 db, sqlite3_stmt row, AnalyticsColumns columns, CancellationToken cancellationToken)
    {
        int rc;
        for (var rows = 1; (rc = raw.sqlite3_step(row)) == raw.SQLITE_ROW; rows++)
        {
            columns.Pins.Add(new PinEntry(
                raw.sqlite3_column_int64(row, 0), TextId(row, 1, columns.Categories), TextId(row, 2, columns.Posters), Int64OrNull(row, 3)));
            CheckCancellation(rows, cancellationToken);
        }

        Done(db, rc);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ReadGeo(sqlite3 db, sqlite3_stmt row, AnalyticsColumns columns, CancellationToken cancellationToken)
    {
        int rc;
        for (var rows = 1; (rc = raw.sqlite3_step(row)) == raw.SQLITE_ROW; rows++)
        {
            columns.Geo.Add(new GeoEntry(raw.sqlite3_column_int64(row, 0), TextId(row, 1, columns.Countries), (int?)Int64OrNull(row, 2)));
            CheckCancellation(rows, cancellationToken);
        }

        Done(db, rc);
    }

    // date_joined is stored as text: equal text, equal key, as SQL's DISTINCT compares it.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ReadUsers(sqlite3 db, sqlite3_stmt row, AnalyticsColumns columns, CancellationToken cancellationToken)
    {
        int rc;
        for (var rows = 1; (rc = raw.sqlite3_step(row)) == raw.SQLITE_ROW; rows++)
        {
            var joined = TextId(row, 4, columns.JoinedTexts);
            columns.Users.Add(new UserEntry(
                raw.sqlite3_column_int64(row, 0),
                TextId(row, 1, columns.UserNames),
                (int?)Int64OrNull(row, 2),
                (int?)Int64OrNull(row, 3),
                joined == TextIds.Null ? null : joined));
            CheckCancellation(rows, cancellationToken);
        }

        Done(db, rc);
    }

    private static sqlite3_stmt Prepare(sqlite3 db, string sql)
    {
        SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(db, sql, out var statement), db);
        return statement;
    }

    private static void Done(sqlite3 db, int rc)
    {
        if (rc != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(rc, db);
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

    // Non-empty text cannot be NULL, so only an empty value needs its type asked.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int TextId(sqlite3_stmt row, int column, TextIds ids)
    {
        var utf8 = raw.sqlite3_column_blob(row, column);
        return utf8.IsEmpty && raw.sqlite3_column_type(row, column) == raw.SQLITE_NULL ? TextIds.Null : ids.IdOf(utf8);
    }

    private static long? Int64OrNull(sqlite3_stmt row, int column) =>
        raw.sqlite3_column_type(row, column) == raw.SQLITE_NULL ? null : raw.sqlite3_column_int64(row, column);
}
