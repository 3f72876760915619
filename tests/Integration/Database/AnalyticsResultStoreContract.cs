using Pinterest.Modular.Application.Analytics;

namespace Pinterest.Modular.Tests.Integration.Database;

/// <summary>The analytics result store (<see cref="IAnalyticsResultStore"/>) on every engine, one subclass each (below).</summary>
public abstract class AnalyticsResultStoreContract
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static AnalyticsResult Countries(string winner, long count) => new(
        AnalyticsQuery.TopCategoryByCountry,
        ["country", "category", "category_count"],
        [["Albania", winner, count], ["Chad", "art", 2L]]);

    private static AnalyticsResult Years() => new(
        AnalyticsQuery.UsersJoinedByYear,
        ["post_year", "number_users_joined"],
        [[2015L, 3L], [2016L, null]]);

    private static AnalyticsSnapshot Snapshot(params AnalyticsResult[] results) =>
        new(0, new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero), results);

    private static AnalyticsSnapshot AllNine(long version, string winner) => new(
        version,
        new DateTimeOffset(2024, 5, 1, 11, 58, 30, TimeSpan.Zero),
        [.. AnalyticsQuery.All.Select(name => name == AnalyticsQuery.TopCategoryByCountry ? Countries(winner, 1) : new AnalyticsResult(name, ["n"], [[1L]]))]);

    /// <summary>A migrated warehouse on a new database of the engine under test.</summary>
    private protected abstract Task<ServerWarehouse> CreateWarehouseAsync();

    [Fact]
    public async Task Find_ReturnsTheNewestRunsNineResultsKeptAtThatVersion_WithTheirAsOf()
    {
        await using var warehouse = await CreateWarehouseAsync();
        await warehouse.Results.SaveAsync(1, AllNine(5, "art"), None);
        await warehouse.Results.SaveAsync(2, AllNine(5, "travel"), None);
        await warehouse.Results.SaveAsync(3, AllNine(6, "quotes"), None);

        var found = await warehouse.Results.FindAsync(5, None);

        found!.WarehouseVersion.Should().Be(5);
        found.AsOf.Should().Be(new DateTimeOffset(2024, 5, 1, 11, 58, 30, TimeSpan.Zero));
        found.Results.Select(result => result.Name).Should().Equal(AnalyticsQuery.All);
        found.Result(AnalyticsQuery.TopCategoryByCountry).Rows[0][1].Should().Be("travel");
    }

    [Fact]
    public async Task Find_WhenNoRunKeptAllNineAtThatVersion_IsNull()
    {
        await using var warehouse = await CreateWarehouseAsync();
        await warehouse.Results.SaveAsync(1, AllNine(5, "art"), None);
        await warehouse.Results.SaveAsync(2, new AnalyticsSnapshot(6, DateTimeOffset.UnixEpoch, [Countries("art", 1)]), None);

        (await warehouse.Results.FindAsync(4, None)).Should().BeNull();
        (await warehouse.Results.FindAsync(6, None)).Should().BeNull();
    }

    [Fact]
    public async Task Latest_WhenNothingIsSaved_IsEmpty()
    {
        await using var warehouse = await CreateWarehouseAsync();

        (await warehouse.Results.LatestAsync(None)).Should().BeEmpty();
    }

    [Fact]
    public async Task Latest_ReturnsTheNewestRunsTables_InSpecOrder_WithValueTypes()
    {
        await using var warehouse = await CreateWarehouseAsync();
        await warehouse.Results.SaveAsync(1, Snapshot(Countries("travel", 5)), None);
        await warehouse.Results.SaveAsync(2, Snapshot(Years(), Countries("quotes", 7)), None);

        var latest = await warehouse.Results.LatestAsync(None);

        latest.Select(result => result.Name).Should().Equal(AnalyticsQuery.TopCategoryByCountry, AnalyticsQuery.UsersJoinedByYear);
        latest[0].ShouldBeTable(["country", "category", "category_count"], ["Albania", "quotes", 7L], ["Chad", "art", 2L]);
        latest[1].ShouldBeTable(["post_year", "number_users_joined"], [2015L, 3L], [2016L, null]);
    }

    [Fact]
    public async Task Save_SameRunAndNameAgain_ReplacesTheTable()
    {
        await using var warehouse = await CreateWarehouseAsync();
        await warehouse.Results.SaveAsync(3, Snapshot(Countries("travel", 5), Years()), None);

        await warehouse.Results.SaveAsync(3, Snapshot(Countries("beauty", 9)), None);

        var latest = await warehouse.Results.LatestAsync(None);
        latest.Should().HaveCount(2);
        latest[0].Rows[0].Should().Equal("Albania", "beauty", 9L);
    }

    [Fact]
    public async Task Save_StoresColumnsAndRowsAsJson_WithTheSnapshotsAsOf()
    {
        await using var warehouse = await CreateWarehouseAsync();

        await warehouse.Results.SaveAsync(4, Snapshot(Years()), None);

        (await warehouse.ColumnAsync("SELECT result_json FROM analytics_results"))
            .Should().Equal("{\"columns\":[\"post_year\",\"number_users_joined\"],\"rows\":[[2015,3],[2016,null]]}");
        (await warehouse.ColumnAsync($"SELECT {warehouse.UtcTextSql("computed_at")} FROM analytics_results")).Should().Equal("2024-05-01 12:00:00");
    }
}

public sealed class SqliteAnalyticsResultStoreTests : AnalyticsResultStoreContract
{
    private protected override async Task<ServerWarehouse> CreateWarehouseAsync() => await SqliteFileWarehouse.CreateAsync();
}

public sealed class PostgresAnalyticsResultStoreTests : AnalyticsResultStoreContract
{
    private protected override async Task<ServerWarehouse> CreateWarehouseAsync() => await PostgresWarehouse.CreateAsync();
}

[Collection(MariaDbGroup.Name)]
public sealed class MySqlAnalyticsResultStoreTests(MariaDbServer server) : AnalyticsResultStoreContract
{
    private protected override async Task<ServerWarehouse> CreateWarehouseAsync() => await MySqlWarehouse.CreateAsync(server);
}
