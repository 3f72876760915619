using Pinterest.Modular.Domain.Geo;
using static Pinterest.Modular.Tests.Integration.Database.TestRows;

namespace Pinterest.Modular.Tests.Integration.Database;

/// <summary>The persist contract on SQLite: prepared upserts in one transaction.</summary>
public sealed class SqliteWarehousePersistTests : WarehousePersistContract
{
    /// <summary>SQLite keeps a timestamp as text to the tick; the server engines round to their column's precision.</summary>
    [Fact]
    public async Task RoundTrip_GeoTimestamp_KeepsItsTicksInUtc()
    {
        var stamp = new DateTime(2020, 8, 28, 3, 52, 47, 123, DateTimeKind.Utc).AddTicks(4567);
        var full = new GeoLocation(21, "Cote d'Ivoire", new Coordinates(-89.9999, 179.123456), stamp);

        await Subject.PersistAsync(Batch(geos: [full]));

        (await Subject.Warehouse.FindGeoAsync(21, CancellationToken.None)).Should().Be(full);
    }

    private protected override async Task<ServerWarehouse> CreateWarehouseAsync() => await SqliteFileWarehouse.CreateAsync();
}
