using Pinterest.Modular.Domain.Common;

namespace Pinterest.Modular.Application.Cleaning;

/// <summary>
/// A row (or a whole record, when <see cref="RowOutcome.Position"/> is null) that could not be cleaned: its own JSON text,
/// for inspection and replay, and the reason.
/// </summary>
public sealed record RejectedRow(RecordKind Kind, string RawJson, string Reason, int? Position)
    : RowOutcome(Kind, Position);
