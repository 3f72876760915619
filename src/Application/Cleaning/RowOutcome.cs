using Pinterest.Modular.Domain.Common;

namespace Pinterest.Modular.Application.Cleaning;

/// <summary>
/// What became of one row of a record. <see cref="Position"/> is the row's index when the record's value was an array
/// of rows, and null when the value was a single row (or could not be split into rows at all).
/// </summary>
public abstract record RowOutcome(RecordKind Kind, int? Position)
{
    /// <summary>
    /// The row's own source: the record's source for a single row, <c>&lt;source&gt;#&lt;i&gt;</c> for row i of an array,
    /// so every row of a record has a unique source.
    /// </summary>
    public string SourceOf(string recordSource) =>
        Position is { } position ? $"{recordSource}#{position}" : recordSource;
}
