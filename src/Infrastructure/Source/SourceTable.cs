using Pinterest.Modular.Domain.Common;

namespace Pinterest.Modular.Infrastructure.Source;

/// <summary>
/// A table of the source database (spec §1): its name and its columns in order. The first column is the key
/// (<c>index</c> or <c>ind</c>); it is the rowid, so the row at offset N (key N) is found without a scan.
/// </summary>
public sealed record SourceTable(RecordKind Kind, string Name, IReadOnlyList<SourceColumn> Columns)
{
    public SourceColumn Key => Columns[0];

    public string CreateSql =>
        $"CREATE TABLE \"{Name}\" ({Key.QuotedName} INTEGER PRIMARY KEY, "
        + string.Join(", ", Columns.Skip(1).Select(c => $"{c.QuotedName} {c.SqlType}"))
        + ")";

    public string DropSql => $"DROP TABLE IF EXISTS \"{Name}\"";

    public string InsertSql =>
        $"INSERT INTO \"{Name}\" ({ColumnList}) VALUES ("
        + string.Join(", ", Columns.Select((_, i) => $"$p{i}"))
        + ")";

    public string SelectByKeySql => $"SELECT {ColumnList} FROM \"{Name}\" WHERE {Key.QuotedName} = $key";

    public string CountSql => $"SELECT count(*) FROM \"{Name}\"";

    private string ColumnList => string.Join(", ", Columns.Select(c => c.QuotedName));
}
