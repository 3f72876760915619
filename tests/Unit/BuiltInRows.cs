using Pinterest.Modular.Application.Kinds;
using Pinterest.Modular.Application.Persistence;
using Pinterest.Modular.Domain.Geo;
using Pinterest.Modular.Domain.Pins;
using Pinterest.Modular.Domain.Users;

namespace Pinterest.Modular.Tests.Unit;

/// <summary>A batch's rows of the built-in kinds, typed, for assertions.</summary>
internal static class BuiltInRows
{
    extension(CleanedBatch batch)
    {
        public IReadOnlyList<Pin> Pins => batch.RowsOf<Pin>(PinKind.Instance);

        public IReadOnlyList<GeoLocation> Geos => batch.RowsOf<GeoLocation>(GeoKind.Instance);

        public IReadOnlyList<User> Users => batch.RowsOf<User>(UserKind.Instance);
    }
}
