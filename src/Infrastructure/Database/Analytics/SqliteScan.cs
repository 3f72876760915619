using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Pinterest.Modular.Infrastructure.Database.Analytics;

/// <summary>
/// A prepared statement stepped through its rows with SQLite's C functions bound directly, for the analytics scan:
/// millions of column reads, where each costs about 10 ns so, against about 40 ns through SQLitePCLRaw (which adds a
/// reference on the statement's safe handle, goes through its provider and, in serialized mode, the connection's
/// mutex, on every call). Open its connection with <c>SQLITE_OPEN_NOMUTEX</c> and keep it on one thread.
/// </summary>
/// <remarks>
/// The functions come from <c>e_sqlite3</c>, the library SQLitePCLRaw's bundle (Microsoft.Data.Sqlite's) loads, so the
/// statement SQLitePCLRaw prepared is one they know. The column functions are short and never call back, so they skip
/// the GC transition; <c>sqlite3_step</c> reads pages and may wait on a lock, so it keeps it.
/// </remarks>
internal sealed unsafe class SqliteScan : IDisposable
{
    private const string Library = "e_sqlite3";
    private const int ColumnNull = 5; // SQLITE_NULL

    private readonly sqlite3 db;
    private readonly sqlite3_stmt statement;
    private readonly nint handle;
    private bool referenced;

    public SqliteScan(sqlite3 db, string sql)
    {
        this.db = db;
        SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(db, sql, out statement), db);
        statement.DangerousAddRef(ref referenced); // held for the scan, so the handle cannot be freed under it
        handle = statement.DangerousGetHandle();
    }

    /// <summary>Moves to the next row: false after the last; an error of SQLite's is thrown.</summary>
    public bool Step()
    {
        var rc = NativeStep(handle);
        if (rc == raw.SQLITE_ROW)
        {
            return true;
        }

        if (rc != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(rc, db);
        }

        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Int64(int column) => ColumnInt64(handle, column);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long? Int64OrNull(int column) => ColumnType(handle, column) == ColumnNull ? null : ColumnInt64(handle, column);

    /// <summary>The column's text as UTF-8, valid until the next step; <paramref name="isNull"/> tells NULL from ''.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<byte> Utf8(int column, out bool isNull)
    {
        var bytes = ColumnBlob(handle, column); // before the length, as SQLite asks
        var length = ColumnBytes(handle, column);
        isNull = bytes == 0 && ColumnType(handle, column) == ColumnNull;
        return new ReadOnlySpan<byte>((void*)bytes, length);
    }

    public void Dispose()
    {
        if (referenced)
        {
            statement.DangerousRelease();
            referenced = false;
        }

        statement.Dispose();
    }

    [DllImport(Library, EntryPoint = "sqlite3_step")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int NativeStep(nint statement);

    [DllImport(Library, EntryPoint = "sqlite3_column_type"), SuppressGCTransition]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int ColumnType(nint statement, int column);

    [DllImport(Library, EntryPoint = "sqlite3_column_int64"), SuppressGCTransition]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern long ColumnInt64(nint statement, int column);

    [DllImport(Library, EntryPoint = "sqlite3_column_blob"), SuppressGCTransition]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern nint ColumnBlob(nint statement, int column);

    [DllImport(Library, EntryPoint = "sqlite3_column_bytes"), SuppressGCTransition]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int ColumnBytes(nint statement, int column);
}
