using Pinterest.Modular.Domain.Common;

namespace Pinterest.Modular.Application.Cleaning;

/// <summary>
/// A cleaned row: a <see cref="Domain.Pins.Pin"/>, <see cref="Domain.Geo.GeoLocation"/> or <see cref="Domain.Users.User"/>
/// as <see cref="RowOutcome.Kind"/> says, with the values that were dropped to null on the way.
/// </summary>
public sealed record CleanedRow(RecordKind Kind, object Row, IReadOnlyList<ValueIssue> Issues, int? Position)
    : RowOutcome(Kind, Position);
