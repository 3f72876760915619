using Pinterest.Modular.Application.Kinds;

namespace Pinterest.Modular.Infrastructure.Source;

/// <summary>
/// The source tables' statements on MySQL, as RDS held them for the AWS build: the spec's columns with MySQL's types
/// (integers <c>bigint</c>, floats <c>double</c>, datetimes <c>datetime</c> holding UTC, text <c>text</c>) in utf8mb4,
/// keyed by their first column. Random rows are read as the original emulator read them (<c>LIMIT offset, 1</c>), an
/// in-order run's rows by key range.
/// </summary>
internal static class MySqlSourceSql
{
    public static string Create(SourceTable table, string name) =>
        $"CREATE TABLE {Quote(name)} ({Quote(table.Key.Name)} bigint NOT NULL PRIMARY KEY, "
        + string.Join(", ", table.Columns.Skip(1).Select(c => $"{Quote(c.Name)} {TypeOf(c.Type)}"))
        + ") DEFAULT CHARSET=utf8mb4";

    public static string Count(SourceTable table) => $"SELECT COUNT(*) FROM {Quote(table.Name)}";

    // In key order, so the row at offset N of a seeded table is key N, and any existing table reads deterministically.
    public static string SelectAtOffset(SourceTable table) =>
        $"SELECT {ColumnList(table)} FROM {Quote(table.Name)} ORDER BY {Quote(table.Key.Name)} LIMIT @offset, 1";

    // An in-order run's rows: by key, one statement per request (the seeded tables hold key N at offset N).
    public static string SelectKeyRange(SourceTable table) =>
        $"SELECT {ColumnList(table)} FROM {Quote(table.Name)} WHERE {Quote(table.Key.Name)} >= @first AND {Quote(table.Key.Name)} < @end ORDER BY {Quote(table.Key.Name)}";

    public static string Quote(string name) => $"`{name}`";

    private static string ColumnList(SourceTable table) => string.Join(", ", table.Columns.Select(c => Quote(c.Name)));

    private static string TypeOf(SourceColumnType type) => type switch
    {
        SourceColumnType.Integral => "bigint",
        SourceColumnType.Real => "double",
        SourceColumnType.Timestamp => "datetime",
        _ => "text",
    };
}
