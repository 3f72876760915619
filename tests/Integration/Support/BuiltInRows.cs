using Pinterest.Modular.Application.Kinds;
using Pinterest.Modular.Application.Persistence;
using Pinterest.Modular.Domain.Geo;
using Pinterest.Modular.Domain.Pins;
using Pinterest.Modular.Domain.Users;

namespace Pinterest.Modular.Tests.Integration.Support;

/// <summary>The warehouse's rows of the built-in kinds, typed, for assertions.</summary>
internal static class BuiltInRows
{
    public static async Task<Pin?> FindPinAsync(this IWarehouse warehouse, long ind, CancellationToken cancellationToken) =>
        (Pin?)await warehouse.FindAsync(PinKind.Instance, ind, cancellationToken);

    public static async Task<GeoLocation?> FindGeoAsync(this IWarehouse warehouse, long ind, CancellationToken cancellationToken) =>
        (GeoLocation?)await warehouse.FindAsync(GeoKind.Instance, ind, cancellationToken);

    public static async Task<User?> FindUserAsync(this IWarehouse warehouse, long ind, CancellationToken cancellationToken) =>
        (User?)await warehouse.FindAsync(UserKind.Instance, ind, cancellationToken);
}
