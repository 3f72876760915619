using Pinterest.Modular.Application.Kinds;

namespace Pinterest.Modular.Infrastructure.Source;

/// <summary>
/// The source tables' statements on PostgreSQL: the spec's columns with the nearest PostgreSQL types (integers
/// <c>bigint</c>, floats <c>double precision</c>, datetimes <c>timestamp</c> holding UTC, as MySQL's datetime on the
/// original RDS), keyed by their first column.
/// </summary>
internal static class PostgresSourceSql
{
    public static string Create(SourceTable table) =>
        $"CREATE TABLE \"{table.Name}\" ({table.Key.QuotedName} bigint PRIMARY KEY, "
        + string.Join(", ", table.Columns.Skip(1).Select(c => $"{c.QuotedName} {TypeOf(c.Type)}"))
        + ")";

    public static string Copy(SourceTable table) =>
        $"COPY \"{table.Name}\" ({ColumnList(table)}) FROM STDIN (FORMAT BINARY)";

    public static string SelectByKey(SourceTable table) =>
        $"SELECT {ColumnList(table)} FROM \"{table.Name}\" WHERE {table.Key.QuotedName} = $1";

    public static string SelectKeyRange(SourceTable table) =>
        $"SELECT {ColumnList(table)} FROM \"{table.Name}\" WHERE {table.Key.QuotedName} >= $1 AND {table.Key.QuotedName} < $2 ORDER BY {table.Key.QuotedName}";

    private static string ColumnList(SourceTable table) => string.Join(", ", table.Columns.Select(c => c.QuotedName));

    private static string TypeOf(SourceColumnType type) => type switch
    {
        SourceColumnType.Integral => "bigint",
        SourceColumnType.Real => "double precision",
        SourceColumnType.Timestamp => "timestamp",
        _ => "text",
    };
}
