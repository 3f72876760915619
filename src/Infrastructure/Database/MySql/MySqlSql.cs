namespace Pinterest.Modular.Infrastructure.Database.MySql;

/// <summary>
/// Statement text MySQL 8 and MariaDB 10.11 both accept: names in backticks (<c>key</c> is reserved there), upserts as
/// <c>ON DUPLICATE KEY UPDATE</c>. <c>VALUES(column)</c> is deprecated on MySQL 8.0.20+ but still runs on 8.0 and 8.4,
/// and MariaDB has no other way to name the new row of a <c>VALUES</c> insert.
/// </summary>
internal static class MySqlSql
{
    public static readonly string MarkUpsert = Upsert(WarehouseTables.ProgressMarks, WarehouseTables.MarkColumns, WarehouseTables.MarkKey);

    public static string Quote(string name) => $"`{name}`";

    public static string ColumnList(IEnumerable<string> columns) => string.Join(", ", columns.Select(Quote));

    /// <summary><c>INSERT ... VALUES (@column, ...) ON DUPLICATE KEY UPDATE</c> every other column to the new value.</summary>
    public static string Upsert(string table, IReadOnlyList<string> columns, IReadOnlyList<string> keys) =>
        $"INSERT INTO {Quote(table)} ({ColumnList(columns)}) VALUES ({string.Join(", ", columns.Select(column => "@" + column))}) "
        + $"ON DUPLICATE KEY UPDATE {string.Join(", ", NonKeys(columns, keys).Select(column => $"{Quote(column)} = VALUES({Quote(column)})"))}";

    public static IEnumerable<string> NonKeys(IReadOnlyList<string> columns, IReadOnlyList<string> keys) =>
        columns.Where(column => !keys.Contains(column, StringComparer.Ordinal));
}
