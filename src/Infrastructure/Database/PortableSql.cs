namespace Pinterest.Modular.Infrastructure.Database;

/// <summary>
/// Statement text that SQLite (3.24+) and PostgreSQL (9.5+) both accept as is, with one <c>@column</c> parameter per
/// column.
/// </summary>
internal static class PortableSql
{
    /// <summary><c>INSERT ... ON CONFLICT(keys) DO UPDATE SET</c> every other column to the new value.</summary>
    public static string Upsert(string table, IReadOnlyList<string> columns, IReadOnlyList<string> keys)
    {
        var updates = columns
            .Where(column => !keys.Contains(column, StringComparer.Ordinal))
            .Select(column => $"{column} = excluded.{column}");
        return $"{Insert(table, columns)} ON CONFLICT({string.Join(", ", keys)}) DO UPDATE SET {string.Join(", ", updates)}";
    }

    /// <summary><c>INSERT ... ON CONFLICT(keys) DO NOTHING</c>: the first row for a key wins.</summary>
    public static string InsertOnce(string table, IReadOnlyList<string> columns, IReadOnlyList<string> keys) =>
        $"{Insert(table, columns)} ON CONFLICT({string.Join(", ", keys)}) DO NOTHING";

    private static string Insert(string table, IReadOnlyList<string> columns) =>
        $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(column => "@" + column))})";
}
