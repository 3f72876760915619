using Pinterest.Modular.Domain.Common;

namespace Pinterest.Modular.Application.Cleaning;

/// <summary>
/// A cleaned row: an object of its kind's row type (<see cref="Kinds.RecordKindDescription.RowType"/>: a pin, geo row, user…)
/// as <see cref="RowOutcome.Kind"/> says, with the values that were dropped to null on the way.
/// </summary>
public sealed record CleanedRow(RecordKind Kind, object Row, IReadOnlyList<ValueIssue> Issues, int? Position)
    : RowOutcome(Kind, Position);
