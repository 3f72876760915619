using Pinterest.Modular.Domain.Geo;
using Pinterest.Modular.Domain.Pins;
using Pinterest.Modular.Domain.Users;

namespace Pinterest.Modular.Application.Persistence;

/// <summary>Cleaned rows and rejections of one batch, to be stored in one transaction.</summary>
public sealed record CleanedBatch(
    IReadOnlyList<Pin> Pins,
    IReadOnlyList<GeoLocation> Geos,
    IReadOnlyList<User> Users,
    IReadOnlyList<RejectedRecord> Rejected)
{
    public int RowCount => Pins.Count + Geos.Count + Users.Count;
}
