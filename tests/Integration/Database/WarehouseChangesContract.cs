using Microsoft.Extensions.DependencyInjection;
using Pinterest.Modular.Application.Persistence;
using static Pinterest.Modular.Tests.Integration.Database.TestRows;

namespace Pinterest.Modular.Tests.Integration.Database;

/// <summary>
/// The warehouse's change counter (<see cref="IWarehouseChanges"/>): bumped by every persist that stores rows of the
/// analysed tables, seen by every host sharing the database, left alone by a persist that fails. One subclass per engine.
/// </summary>
public abstract class WarehouseChangesContract : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;

    private IAsyncDisposable owner = null!;

    /// <summary>The first host's services.</summary>
    private protected IServiceProvider Host { get; set; } = null!;

    private IWarehouse Warehouse => Host.GetRequiredService<IWarehouse>();

    private IWarehouseChanges Changes => Host.GetRequiredService<IWarehouseChanges>();

    public async Task InitializeAsync() => owner = await CreateAsync();

    public async Task DisposeAsync() => await owner.DisposeAsync();

    /// <summary>A migrated warehouse on a new database of the engine under test; sets <see cref="Host"/>.</summary>
    private protected abstract Task<IAsyncDisposable> CreateAsync();

    /// <summary>Another host on the same database, with its own services and connections.</summary>
    private protected abstract ServiceProvider OtherHost();

    [Fact]
    public async Task Persist_WithRowsOfEachTable_BumpsTheCounterEachTime()
    {
        var before = await Changes.ReadAsync(None);

        await Warehouse.PersistAsync(Batch([Pin(1)]), [], None);
        var afterPins = await Changes.ReadAsync(None);
        await Warehouse.PersistAsync(Batch(geos: [Geo(1, "Chad")]), [], None);
        var afterGeo = await Changes.ReadAsync(None);
        await Warehouse.PersistAsync(Batch(users: [User(1, "Ann")]), [], None);
        var afterUsers = await Changes.ReadAsync(None);
        await Warehouse.PersistAsync(Batch([Pin(1, category: "travel")]), [], None);

        afterPins.Should().BeGreaterThan(before);
        afterGeo.Should().BeGreaterThan(afterPins);
        afterUsers.Should().BeGreaterThan(afterGeo);
        (await Changes.ReadAsync(None)).Should().BeGreaterThan(afterUsers, "the same ind stored again may change an answer");
    }

    [Fact]
    public async Task Persist_WithOnlyRejectionsAndMarks_LeavesTheCounterAlone()
    {
        await Warehouse.PersistAsync(Batch([Pin(1)]), [], None);
        var before = await Changes.ReadAsync(None);

        await Warehouse.PersistAsync(Batch(rejected: [Rejected("topic/0/1")]), [new ProgressMark("landing", "k", "1")], None);

        (await Changes.ReadAsync(None)).Should().Be(before);
    }

    [Fact]
    public async Task Persist_ThatFails_LeavesTheCounterAlone()
    {
        await Warehouse.PersistAsync(Batch([Pin(1)]), [], None);
        var before = await Changes.ReadAsync(None);

        var persist = () => Warehouse.PersistAsync(Batch([Pin(2)], [Geo(2, "Peru")]), [new ProgressMark("landing", "k", null!)], None);

        await persist.Should().ThrowAsync<System.Data.Common.DbException>();
        (await Changes.ReadAsync(None)).Should().Be(before);
    }

    [Fact]
    public async Task Persist_ByAnotherHost_IsSeenByThisOne()
    {
        await using var other = OtherHost();
        var before = await Changes.ReadAsync(None);

        await other.GetRequiredService<IWarehouse>().PersistAsync(Batch(users: [User(5, "Bob")]), [], None);

        (await Changes.ReadAsync(None)).Should().BeGreaterThan(before);
        (await other.GetRequiredService<IWarehouseChanges>().ReadAsync(None)).Should().Be(await Changes.ReadAsync(None));
    }

    [Fact]
    public async Task Persist_ByTwoHostsAtOnce_CountsEveryTransactionWithoutDeadlock()
    {
        await using var other = OtherHost();
        var before = await Changes.ReadAsync(None);
        const int PerHost = 10;

        // Each batch writes all three tables, so both hosts take all three counter rows in every transaction.
        async Task WriteAsync(IWarehouse warehouse, int first)
        {
            for (var i = first; i < first + PerHost; i++)
            {
                await warehouse.PersistAsync(Batch([Pin(i)], [Geo(i, "Chad")], [User(i, "Ann")]), [], None);
            }
        }

        await Task.WhenAll(WriteAsync(Warehouse, 0), WriteAsync(other.GetRequiredService<IWarehouse>(), 1000));

        (await Changes.ReadAsync(None)).Should().Be(before + (2 * PerHost * 3), "each transaction bumps each of the three tables it wrote once");
        (await Warehouse.CountAsync(None)).Should().Be(new TableCounts(2 * PerHost, 2 * PerHost, 2 * PerHost, 0));
    }
}

/// <summary>The change counter on the embedded default (SQLite).</summary>
public sealed class SqliteWarehouseChangesTests : WarehouseChangesContract
{
    private TempWarehouse warehouse = null!;

    private protected override async Task<IAsyncDisposable> CreateAsync()
    {
        warehouse = await TempWarehouse.CreateAsync();
        Host = warehouse.Services;
        return warehouse;
    }

    private protected override ServiceProvider OtherHost() => warehouse.OtherHost();

    [Fact]
    public async Task Count_WhileTheCounterStaysPut_AnswersTheRowsCountedBefore_AndCountsAgainOnceItMoves()
    {
        await warehouse.Warehouse.PersistAsync(Batch([Pin(1)]), [], CancellationToken.None);
        (await warehouse.Warehouse.CountAsync(CancellationToken.None)).Pins.Should().Be(1);

        // A row written past the persist path does not move the counter, which shows the count was not taken again.
        await warehouse.ScalarColumnAsync("INSERT INTO pins (ind) VALUES (99)");
        var unchanged = await warehouse.Warehouse.CountAsync(CancellationToken.None);
        await warehouse.Warehouse.PersistAsync(Batch([Pin(2)]), [], CancellationToken.None);
        var moved = await warehouse.Warehouse.CountAsync(CancellationToken.None);

        unchanged.Pins.Should().Be(1);
        moved.Pins.Should().Be(3);
    }
}

/// <summary>The change counter on PostgreSQL.</summary>
public sealed class PostgresWarehouseChangesTests : WarehouseChangesContract
{
    private ServerWarehouse warehouse = null!;

    private protected override async Task<IAsyncDisposable> CreateAsync()
    {
        warehouse = await PostgresWarehouse.CreateAsync();
        Host = warehouse.Services;
        return warehouse;
    }

    private protected override ServiceProvider OtherHost() => warehouse.OtherHost();
}

/// <summary>The change counter on MariaDB.</summary>
[Collection(MariaDbGroup.Name)]
public sealed class MySqlWarehouseChangesTests(MariaDbServer server) : WarehouseChangesContract
{
    private ServerWarehouse warehouse = null!;

    private protected override async Task<IAsyncDisposable> CreateAsync()
    {
        warehouse = await MySqlWarehouse.CreateAsync(server);
        Host = warehouse.Services;
        return warehouse;
    }

    private protected override ServiceProvider OtherHost() => warehouse.OtherHost();
}
