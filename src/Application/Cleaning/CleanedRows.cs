using Pinterest.Modular.Application.Kinds;
using Pinterest.Modular.Application.Persistence;

namespace Pinterest.Modular.Application.Cleaning;

/// <summary>
/// Collects cleaned rows into a batch, one row per kind and <c>ind</c>: the last row of an <c>ind</c> wins, as
/// successive upserts would have it. Kinds keep the order they were first added in.
/// </summary>
public sealed class CleanedRows
{
    private readonly List<(RecordKindDescription Kind, Dictionary<long, object> Rows)> _kinds = [];

    public void Add(RecordKindDescription kind, CleanOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(outcome);
        if (outcome.Cleaned.Count == 0)
        {
            return;
        }

        var rows = RowsOf(kind);
        foreach (var cleaned in outcome.Cleaned)
        {
            rows[kind.KeyOf(cleaned.Row)] = cleaned.Row;
        }
    }

    public CleanedBatch ToBatch(IReadOnlyList<RejectedRecord> rejected) =>
        new([.. _kinds.Select(kind => new KindRows(kind.Kind, [.. kind.Rows.Values]))], rejected);

    private Dictionary<long, object> RowsOf(RecordKindDescription kind)
    {
        foreach (var (known, rows) in _kinds)
        {
            if (known == kind)
            {
                return rows;
            }
        }

        var added = new Dictionary<long, object>();
        _kinds.Add((kind, added));
        return added;
    }
}
