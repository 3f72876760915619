using System.Data.Common;
using System.Runtime.CompilerServices;
using Pinterest.Modular.Application.Kinds;

namespace Pinterest.Modular.Infrastructure.Database;

/// <summary>
/// A record kind's warehouse table as the plain-SQL writers and readers use it, derived once from the kind's
/// description: names, the portable upsert, the lookup by key, and values converted at the database boundary
/// (timestamps always UTC).
/// </summary>
internal sealed class KindTable
{
    private static readonly ConditionalWeakTable<RecordKindDescription, KindTable> Tables = [];

    private readonly int[] _timestamps;

    private KindTable(RecordKindDescription kind)
    {
        Kind = kind;
        Name = kind.Warehouse.Name;
        Columns = kind.Warehouse.ColumnNames;
        Key = [kind.Warehouse.Key];
        Upsert = PortableSql.Upsert(Name, Columns, Key);
        SelectByKey = $"SELECT {string.Join(", ", Columns)} FROM {Name} WHERE {kind.Warehouse.Key} = @key";
        Count = $"SELECT COUNT(*) FROM {Name}";
        _timestamps = [.. kind.Warehouse.Columns.Select((column, i) => (column, i)).Where(c => c.column.Type == WarehouseColumnType.Timestamp).Select(c => c.i)];
    }

    public RecordKindDescription Kind { get; }

    public string Name { get; }

    public IReadOnlyList<string> Columns { get; }

    public IReadOnlyList<string> Key { get; }

    /// <summary><c>INSERT ... ON CONFLICT(ind) DO UPDATE</c> (SQLite and PostgreSQL).</summary>
    public string Upsert { get; }

    /// <summary>The row's columns by key, with one parameter <c>@key</c> (every engine).</summary>
    public string SelectByKey { get; }

    public string Count { get; }

    public static KindTable Of(RecordKindDescription kind) => Tables.GetValue(kind, static k => new KindTable(k));

    /// <summary>The row's values in column order, as stored.</summary>
    public void Fill(object?[] values, object row)
    {
        Kind.Fill(values, row);
        foreach (var i in _timestamps)
        {
            if (values[i] is DateTime timestamp)
            {
                values[i] = UtcTimestamps.ToStored(timestamp);
            }
        }
    }

    /// <summary>The row the reader is on (its columns in <see cref="Columns"/> order).</summary>
    public object Read(DbDataReader reader)
    {
        var values = new object?[Columns.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = reader.IsDBNull(i) ? null : Kind.Warehouse.Columns[i].Type switch
            {
                WarehouseColumnType.BigInteger => reader.GetInt64(i),
                WarehouseColumnType.SmallInteger => reader.GetInt32(i),
                WarehouseColumnType.Real => reader.GetDouble(i),
                WarehouseColumnType.Timestamp => DateTime.SpecifyKind(reader.GetDateTime(i), DateTimeKind.Utc),
                _ => reader.GetString(i),
            };
        }

        return Kind.Read(values);
    }
}
