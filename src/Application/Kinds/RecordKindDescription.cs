using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Pinterest.Modular.Domain.Common;

namespace Pinterest.Modular.Application.Kinds;

/// <summary>
/// Everything the pipeline needs to know about one record kind, in one place: its source table, how a row is read and
/// cleaned (by the Domain's rules), its cleaned JSON, its warehouse table and how a cleaned row fills it and is read
/// back, and its row endpoint (<c>/api/&lt;RowPath&gt;/{ind}</c>). Topics and streams are named from
/// <see cref="Kind"/>. Write a kind as a <see cref="RecordKindDescription{TRaw, TRow}"/> and register it with
/// <see cref="RecordKindRegistration.AddRecordKind"/>.
/// </summary>
public abstract class RecordKindDescription
{
    protected RecordKindDescription(RecordKind kind, SourceTableShape source, WarehouseTableShape warehouse, string rowPath, string rowNoun)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(warehouse);
        ArgumentException.ThrowIfNullOrEmpty(rowPath);
        ArgumentException.ThrowIfNullOrEmpty(rowNoun);
        if (source.Columns.Count == 0 || source.Columns[0].Name != kind.KeyField)
        {
            throw new ArgumentException($"The source table of kind '{kind}' must start with its key field '{kind.KeyField}'.", nameof(source));
        }

        if (!warehouse.ColumnNames.Contains(warehouse.Key, StringComparer.Ordinal))
        {
            throw new ArgumentException($"The warehouse table '{warehouse.Name}' of kind '{kind}' has no key column '{warehouse.Key}'.", nameof(warehouse));
        }

        Kind = kind;
        Source = source;
        Warehouse = warehouse;
        RowPath = rowPath;
        RowNoun = rowNoun;
    }

    public RecordKind Kind { get; }

    public SourceTableShape Source { get; }

    public WarehouseTableShape Warehouse { get; }

    /// <summary>The row endpoint's path segment: <c>GET /api/&lt;RowPath&gt;/{ind}</c>.</summary>
    public string RowPath { get; }

    /// <summary>What one row is called in answers (<c>No pin with ind 5.</c>).</summary>
    public string RowNoun { get; }

    /// <summary>The cleaned row's type (a Domain record).</summary>
    public abstract Type RowType { get; }

    /// <summary>The names of the cleaned JSON row, in order.</summary>
    public abstract IReadOnlyList<string> CleanedColumns { get; }

    /// <summary>
    /// Reads the row object the reader is on (its <c>StartObject</c>; it ends on the matching <c>EndObject</c>) and cleans
    /// it: the cleaned row with the values dropped to null, or the reason it is rejected.
    /// </summary>
    public abstract bool TryClean(
        ref Utf8JsonReader reader, [NotNullWhen(true)] out object? row, out IReadOnlyList<ValueIssue> issues, [NotNullWhen(false)] out string? rejection);

    /// <summary>The row's <c>ind</c>.</summary>
    public abstract long KeyOf(object row);

    /// <summary>Writes the row as the one cleaned-row wire format (<see cref="Cleaning.CleanedRowJson"/>).</summary>
    public abstract void WriteJson(Utf8JsonWriter writer, object row);

    /// <summary>Puts the row's values in <paramref name="values"/>, in the order of <see cref="WarehouseTableShape.Columns"/>.</summary>
    public abstract void Fill(object?[] values, object row);

    /// <summary>The row from the values of its warehouse columns, in order, each of its column's type or null.</summary>
    public abstract object Read(IReadOnlyList<object?> values);
}
