using Pinterest.Modular.Application.Persistence;
using Pinterest.Modular.Domain.Common;
using static Pinterest.Modular.Tests.Integration.Database.TestRows;

namespace Pinterest.Modular.Tests.Integration.Database;

/// <summary>The warehouse's reads (counts, rejected records paged newest first) on every engine, one subclass each (below).</summary>
public abstract class WarehouseReadContract
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A migrated warehouse on a new database of the engine under test.</summary>
    private protected abstract Task<ServerWarehouse> CreateWarehouseAsync();

    [Fact]
    public async Task Count_ReturnsRowsPerTable()
    {
        await using var warehouse = await CreateWarehouseAsync();
        await warehouse.Warehouse.PersistAsync(
            Batch([Pin(1), Pin(2), Pin(3)], [Geo(1, "Chad")], [User(1), User(2)], [Rejected("a"), Rejected("b"), Rejected("c"), Rejected("d")]),
            [],
            None);

        (await warehouse.Warehouse.CountAsync(None)).Should().Be(new TableCounts(3, 1, 2, 4));
    }

    [Fact]
    public async Task GetRejected_PagesNewestFirst_WithTheTotal()
    {
        await using var warehouse = await CreateWarehouseAsync();
        await StoreRejectionsAsync(warehouse);

        var first = await warehouse.Warehouse.GetRejectedAsync(0, 2, null, None);
        var second = await warehouse.Warehouse.GetRejectedAsync(2, 2, null, None);

        first.Total.Should().Be(4);
        first.Items.Select(item => item.Source).Should().Equal("geo/3", "pin/2");
        second.Total.Should().Be(4);
        second.Items.Select(item => item.Source).Should().Equal("user/1", "pin/0");
    }

    [Fact]
    public async Task GetRejected_OfOneKind_FiltersItemsAndTotal()
    {
        await using var warehouse = await CreateWarehouseAsync();
        await StoreRejectionsAsync(warehouse);

        var page = await warehouse.Warehouse.GetRejectedAsync(0, 10, RecordKind.Pin, None);

        page.Total.Should().Be(2);
        page.Items.Select(item => item.Source).Should().Equal("pin/2", "pin/0");
        page.Items.Should().OnlyContain(item => item.Kind == RecordKind.Pin);
    }

    [Fact]
    public async Task GetRejected_WithSameInstant_PutsTheLaterStoredFirst()
    {
        await using var warehouse = await CreateWarehouseAsync();
        await warehouse.Warehouse.PersistAsync(Batch(rejected: [Rejected("x", at: Start), Rejected("y", at: Start)]), [], None);

        var page = await warehouse.Warehouse.GetRejectedAsync(0, 10, null, None);

        page.Items.Select(item => item.Source).Should().Equal("y", "x");
    }

    private static async Task StoreRejectionsAsync(ServerWarehouse warehouse) =>
        await warehouse.Warehouse.PersistAsync(
            Batch(rejected:
            [
                Rejected("pin/0", RecordKind.Pin, Start),
                Rejected("geo/3", RecordKind.Geo, Start.AddDays(3)),
                Rejected("user/1", RecordKind.User, Start.AddDays(1)),
                Rejected("pin/2", RecordKind.Pin, Start.AddDays(2)),
            ]),
            [],
            None);
}

public sealed class SqliteWarehouseReadTests : WarehouseReadContract
{
    private protected override async Task<ServerWarehouse> CreateWarehouseAsync() => await SqliteFileWarehouse.CreateAsync();
}

public sealed class PostgresWarehouseReadTests : WarehouseReadContract
{
    private protected override async Task<ServerWarehouse> CreateWarehouseAsync() => await PostgresWarehouse.CreateAsync();
}

[Collection(MariaDbGroup.Name)]
public sealed class MySqlWarehouseReadTests(MariaDbServer server) : WarehouseReadContract
{
    private protected override async Task<ServerWarehouse> CreateWarehouseAsync() => await MySqlWarehouse.CreateAsync(server);
}
