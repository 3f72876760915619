using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Pinterest.Modular.Application.Cleaning;
using Pinterest.Modular.Domain.Common;

namespace Pinterest.Modular.Application.Kinds;

/// <summary>
/// A record kind whose raw rows are <typeparamref name="TRaw"/> (each source field as the text of its wire value) and
/// whose cleaned rows are <typeparamref name="TRow"/>. A subclass says how to build one from the other and how a cleaned
/// row meets JSON and its warehouse columns; the reading of JSON fields is shared (<see cref="RawRowReader"/>).
/// </summary>
public abstract class RecordKindDescription<TRaw, TRow> : RecordKindDescription
    where TRaw : class
    where TRow : class
{
    private readonly byte[][] _fieldNames;

    protected RecordKindDescription(RecordKind kind, SourceTableShape source, WarehouseTableShape warehouse, string rowPath, string rowNoun)
        : base(kind, source, warehouse, rowPath, rowNoun) =>
        _fieldNames = RawRowReader.Utf8Names(source.ColumnNames);

    public sealed override Type RowType => typeof(TRow);

    /// <summary>Reads a raw row from the reader, which must be on the row's <c>StartObject</c>; it ends on the matching <c>EndObject</c>.</summary>
    public bool TryRead(ref Utf8JsonReader reader, [NotNullWhen(true)] out TRaw? raw, [NotNullWhen(false)] out string? error)
    {
        var values = new string?[_fieldNames.Length];
        raw = RawRowReader.TryReadValues(ref reader, _fieldNames, values, out error) ? ToRaw(values) : null;
        return raw is not null;
    }

    /// <summary>Reads a raw row from a row element (which must be a JSON object).</summary>
    public bool TryRead(JsonElement row, [NotNullWhen(true)] out TRaw? raw, [NotNullWhen(false)] out string? error)
    {
        var values = new string?[_fieldNames.Length];
        raw = RawRowReader.TryReadValues(row, _fieldNames, values, out error) ? ToRaw(values) : null;
        return raw is not null;
    }

    public sealed override bool TryClean(
        ref Utf8JsonReader reader, [NotNullWhen(true)] out object? row, out IReadOnlyList<ValueIssue> issues, [NotNullWhen(false)] out string? rejection)
    {
        row = null;
        issues = [];
        if (!TryRead(ref reader, out var raw, out rejection))
        {
            return false;
        }

        var result = Clean(raw);
        if (result.Row is null)
        {
            rejection = result.RejectionReason ?? "rejected";
            return false;
        }

        row = result.Row;
        issues = result.Issues;
        return true;
    }

    public sealed override long KeyOf(object row) => Key((TRow)row);

    public sealed override void WriteJson(Utf8JsonWriter writer, object row)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(row);
        WriteRow(writer, (TRow)row);
    }

    public sealed override void Fill(object?[] values, object row) => FillRow(values, (TRow)row);

    public sealed override object Read(IReadOnlyList<object?> values) => ReadRow(values);

    /// <summary>The raw row from its source fields' values, in the order of <see cref="RecordKindDescription.Source"/>.</summary>
    protected abstract TRaw ToRaw(string?[] fields);

    /// <summary>The Domain's cleaning rules for this kind.</summary>
    protected abstract CleanResult<TRow> Clean(TRaw raw);

    protected abstract long Key(TRow row);

    /// <summary>One JSON object with <see cref="RecordKindDescription.CleanedColumns"/> in order (helpers in <see cref="CleanedRowJson"/>).</summary>
    protected abstract void WriteRow(Utf8JsonWriter writer, TRow row);

    protected abstract void FillRow(object?[] values, TRow row);

    protected abstract TRow ReadRow(IReadOnlyList<object?> values);
}
