namespace Pinterest.Modular.Application.Kinds;

/// <summary>A kind's table in the source database (spec §1): its name and columns in order, the key first.</summary>
public sealed record SourceTableShape(string Name, IReadOnlyList<SourceColumnShape> Columns)
{
    public IReadOnlyList<string> ColumnNames { get; } = [.. Columns.Select(column => column.Name)];
}

/// <summary>One column of a source table, by the name the source rows (and so the records on the wire) carry.</summary>
public sealed record SourceColumnShape(string Name, SourceColumnType Type);

/// <summary>How a source column is stored and written to JSON.</summary>
public enum SourceColumnType
{
    /// <summary>An integer column, a JSON number.</summary>
    Integral,

    /// <summary>A floating-point column, a JSON number written as Python's <c>repr</c> writes a float.</summary>
    Real,

    /// <summary>A text column, a JSON string.</summary>
    Text,

    /// <summary>A datetime, a JSON string <c>yyyy-MM-dd HH:mm:ss</c> (UTC).</summary>
    Timestamp,
}

/// <summary>
/// A kind's warehouse table: its name, its cleaned columns in the order the description fills and reads values, and
/// the key the rows are upserted on (<c>ind</c>).
/// </summary>
public sealed record WarehouseTableShape(string Name, IReadOnlyList<WarehouseColumnShape> Columns, string Key = "ind")
{
    public IReadOnlyList<string> ColumnNames { get; } = [.. Columns.Select(column => column.Name)];
}

/// <summary>One warehouse column and the CLR type its values have (null for SQL NULL).</summary>
public sealed record WarehouseColumnShape(string Name, WarehouseColumnType Type);

/// <summary>The value types a warehouse column holds: <see cref="long"/>, <see cref="int"/>, <see cref="double"/>, <see cref="string"/>, UTC <see cref="DateTime"/>.</summary>
public enum WarehouseColumnType
{
    /// <summary><see cref="long"/>.</summary>
    BigInteger,

    /// <summary><see cref="int"/>.</summary>
    SmallInteger,

    /// <summary><see cref="double"/>.</summary>
    Real,

    /// <summary><see cref="string"/>.</summary>
    Text,

    /// <summary>UTC <see cref="DateTime"/>.</summary>
    Timestamp,
}
