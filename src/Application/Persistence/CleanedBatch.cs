using Pinterest.Modular.Application.Kinds;
using Pinterest.Modular.Domain.Geo;
using Pinterest.Modular.Domain.Pins;
using Pinterest.Modular.Domain.Users;

namespace Pinterest.Modular.Application.Persistence;

/// <summary>The cleaned rows of one kind (objects of its <see cref="RecordKindDescription.RowType"/>).</summary>
public sealed record KindRows(RecordKindDescription Kind, IReadOnlyList<object> Rows);

/// <summary>Cleaned rows (per kind, each kind once) and rejections of one batch, to be stored in one transaction.</summary>
public sealed record CleanedBatch(IReadOnlyList<KindRows> Rows, IReadOnlyList<RejectedRecord> Rejected)
{
    /// <summary>A batch of the built-in kinds' rows, for callers that hold them typed (bench datasets, tests).</summary>
    public CleanedBatch(IReadOnlyList<Pin> pins, IReadOnlyList<GeoLocation> geos, IReadOnlyList<User> users, IReadOnlyList<RejectedRecord> rejected)
        : this([new(PinKind.Instance, pins), new(GeoKind.Instance, geos), new(UserKind.Instance, users)], rejected)
    {
    }

    public int RowCount => Rows.Sum(rows => rows.Rows.Count);

    /// <summary>The rows of one kind (empty when the batch has none).</summary>
    public IReadOnlyList<T> RowsOf<T>(RecordKindDescription kind) =>
        Rows.FirstOrDefault(rows => rows.Kind == kind)?.Rows.Cast<T>().ToList() ?? [];
}
