using Pinterest.Modular.Application.Analytics;
using Pinterest.Modular.Domain.Users;
using static Pinterest.Modular.Tests.Integration.Database.AnalyticsSeed;
using static Pinterest.Modular.Tests.Integration.Database.TestRows;

namespace Pinterest.Modular.Tests.Integration.Database;

/// <summary>Queries 5 to 9: pin ⋈ user, and the users alone for query 7; on every engine (one subclass each, below).</summary>
public abstract class UserAnalyticsContract
{
    private static readonly string[] CategoryByAgeGroup = ["age_group", "category", "category_count"];
    private static readonly string[] MedianByAgeGroup = ["age_group", "median_follower_count"];
    private static readonly string[] JoinedByYear = ["post_year", "number_users_joined"];
    private static readonly string[] MedianByJoinYear = ["post_year", "median_follower_count"];
    private static readonly string[] MedianByAgeGroupAndJoinYear = ["age_group", "post_year", "median_follower_count"];

    /// <summary>A migrated warehouse on a new database of the engine under test.</summary>
    private protected abstract Task<ServerWarehouse> CreateWarehouseAsync();

    [Fact]
    public async Task TopCategoryByAgeGroup_PlacesAgesOnInclusiveBounds_AndOrdersGroupsAsTheSpec()
    {
        await using var warehouse = await CreateWarehouseAsync();
        await warehouse.SeedAsync(
            new Posted(51, "travel"),
            new Posted(50, "diy-and-crafts"), new Posted(36, "diy-and-crafts"),
            new Posted(35, "beauty"), new Posted(25, "beauty"),
            new Posted(24, "art"), new Posted(18, "art"),
            new Posted(17, "art"), new Posted(17, "vehicles"), new Posted(17, "vehicles"));

        var result = await RunAsync(warehouse, AnalyticsQuery.TopCategoryByAgeGroup);

        result.ShouldBeTable(
            CategoryByAgeGroup,
            ["18-24", "art", 2L],
            ["25-35", "beauty", 2L],
            ["36-50", "diy-and-crafts", 2L],
            ["+50", "travel", 1L]);
    }

    [Fact]
    public async Task TopCategoryByAgeGroup_WhenCountsTie_PicksTheAlphabeticallyFirst_AndLeavesOutNulls()
    {
        await using var warehouse = await CreateWarehouseAsync();
        await warehouse.SeedAsync(
            new Posted(30, "quotes"), new Posted(31, "education"),
            new Posted(30, null), new Posted(30, null), new Posted(30, null),
            new Posted(null, "travel"), new Posted(null, "travel"));

        var result = await RunAsync(warehouse, AnalyticsQuery.TopCategoryByAgeGroup);

        result.ShouldBeTable(CategoryByAgeGroup, ["25-35", "education", 1L]);
    }

    [Fact]
    public async Task MedianFollowersByAgeGroup_TakesTheLowerMedian_ForEvenAndOddCounts()
    {
        await using var warehouse = await CreateWarehouseAsync();
        await warehouse.SeedAsync(
            new Posted(20, Followers: 40), new Posted(21, Followers: 10), new Posted(22, Followers: 30), new Posted(23, Followers: 20),
            new Posted(30, Followers: 9), new Posted(30, Followers: 1), new Posted(30, Followers: 5));

        var result = await RunAsync(warehouse, AnalyticsQuery.MedianFollowersByAgeGroup);

        result.ShouldBeTable(
            MedianByAgeGroup,
            ["18-24", 20L],
            ["25-35", 5L]);
    }

    [Fact]
    public async Task MedianFollowersByAgeGroup_LeavesOutNullFollowersAndNullAges()
    {
        await using var warehouse = await CreateWarehouseAsync();
        await warehouse.SeedAsync(
            new Posted(40, Followers: null), new Posted(40, Followers: null),
            new Posted(40, Followers: 300), new Posted(40, Followers: 100), new Posted(40, Followers: 200),
            new Posted(null, Followers: 1), new Posted(null, Followers: 1));

        var result = await RunAsync(warehouse, AnalyticsQuery.MedianFollowersByAgeGroup);

        result.ShouldBeTable(MedianByAgeGroup, ["36-50", 200L]);
    }

    [Fact]
    public async Task MedianFollowersByAgeGroup_OrdersGroupsAsTheSpec_NotAlphabetically()
    {
        await using var warehouse = await CreateWarehouseAsync();
        await warehouse.SeedAsync(new Posted(60, Followers: 7), new Posted(18, Followers: 3), new Posted(17, Followers: 1));

        var result = await RunAsync(warehouse, AnalyticsQuery.MedianFollowersByAgeGroup);

        result.ShouldBeTable(
            MedianByAgeGroup,
            ["18-24", 3L],
            ["+50", 7L]);
    }

    [Fact]
    public async Task UsersJoinedByYear_CountsDistinctPeople_SameNameAgeAndDate()
    {
        await using var warehouse = await CreateWarehouseAsync();
        var joined = Utc(2016, 3, 1, 10, 0, 0);
        await warehouse.SeedAsync(users:
        [
            new User(1, "Ann Lee", 30, joined), new User(2, "Ann Lee", 30, joined), new User(3, "Ann Lee", 30, joined),
            new User(4, "Ann Lee", 31, joined),
            new User(5, "Ann Lee", 30, joined.AddSeconds(1)),
            new User(6, "Bob Ray", 30, joined),
            new User(7, "Cid Poe", 44, Utc(2017, 8, 9)), new User(8, "Cid Poe", 44, Utc(2017, 8, 9)),
        ]);

        var result = await RunAsync(warehouse, AnalyticsQuery.UsersJoinedByYear);

        result.ShouldBeTable(
            JoinedByYear,
            [2016L, 4L],
            [2017L, 1L]);
    }

    [Fact]
    public async Task UsersJoinedByYear_CountsOnlyJoiningYears2015To2020()
    {
        await using var warehouse = await CreateWarehouseAsync();
        await warehouse.SeedAsync(users:
        [
            new User(1, "A", 30, Utc(2014, 12, 31, 23, 59, 59)),
            new User(2, "B", 30, Utc(2015, 1, 1)),
            new User(3, "C", 30, Utc(2020, 12, 31, 23, 59, 59)),
            new User(4, "D", 30, Utc(2021, 1, 1)),
        ]);

        var result = await RunAsync(warehouse, AnalyticsQuery.UsersJoinedByYear);

        result.ShouldBeTable(
            JoinedByYear,
            [2015L, 1L],
            [2020L, 1L]);
    }

    [Fact]
    public async Task UsersJoinedByYear_LeavesOutPeopleWithANullNameAgeOrDate()
    {
        await using var warehouse = await CreateWarehouseAsync();
        await warehouse.SeedAsync(users:
        [
            new User(1, null, 30, Utc(2016, 1, 1)),
            new User(2, "B", null, Utc(2016, 1, 1)),
            new User(3, "C", 30, null),
            new User(4, "D", 30, Utc(2016, 1, 1)),
        ]);

        var result = await RunAsync(warehouse, AnalyticsQuery.UsersJoinedByYear);

        result.ShouldBeTable(JoinedByYear, [2016L, 1L]);
    }

    [Fact]
    public async Task MedianFollowersByJoinYear_TakesTheLowerMedian_OfJoinYears2015To2020()
    {
        await using var warehouse = await CreateWarehouseAsync();
        await warehouse.SeedAsync(
            new Posted(30, Followers: 4, Joined: Utc(2015, 1, 1)),
            new Posted(30, Followers: 1, Joined: Utc(2015, 5, 1)),
            new Posted(null, Followers: 3, Joined: Utc(2015, 7, 1)),
            new Posted(12, Followers: 2, Joined: Utc(2015, 12, 31, 23, 59, 59)),
            new Posted(30, Followers: 7, Joined: Utc(2020, 12, 31, 23, 59, 59)),
            new Posted(30, Followers: null, Joined: Utc(2020, 2, 1)),
            new Posted(30, Followers: null, Joined: Utc(2020, 3, 1)),
            new Posted(30, Followers: 1_000, Joined: Utc(2014, 12, 31, 23, 59, 59)),
            new Posted(30, Followers: 1_000, Joined: Utc(2021, 1, 1)));

        var result = await RunAsync(warehouse, AnalyticsQuery.MedianFollowersByJoinYear);

        result.ShouldBeTable(
            MedianByJoinYear,
            [2015L, 2L],
            [2020L, 7L]);
    }

    [Fact]
    public async Task MedianFollowersByJoinYearAndAgeGroup_GroupsByAgeGroupThenYear_InSpecOrder()
    {
        await using var warehouse = await CreateWarehouseAsync();
        await warehouse.SeedAsync(
            new Posted(60, Followers: 100, Joined: Utc(2015, 2, 1)),
            new Posted(55, Followers: 300, Joined: Utc(2015, 3, 1)),
            new Posted(51, Followers: 200, Joined: Utc(2015, 4, 1)),
            new Posted(40, Followers: 8, Joined: Utc(2020, 1, 1)),
            new Posted(20, Followers: 5, Joined: Utc(2016, 1, 1)),
            new Posted(20, Followers: 30, Joined: Utc(2015, 1, 1)),
            new Posted(24, Followers: 10, Joined: Utc(2015, 6, 1)),
            new Posted(17, Followers: 1, Joined: Utc(2015, 1, 1)),
            new Posted(17, Followers: 2, Joined: Utc(2015, 1, 1)),
            new Posted(30, Followers: 9, Joined: Utc(2021, 1, 1)),
            new Posted(30, Followers: 9, Joined: Utc(2014, 12, 31)),
            new Posted(30, Followers: null, Joined: Utc(2017, 1, 1)),
            new Posted(null, Followers: 9, Joined: Utc(2017, 1, 1)));

        var result = await RunAsync(warehouse, AnalyticsQuery.MedianFollowersByJoinYearAndAgeGroup);

        result.ShouldBeTable(
            MedianByAgeGroupAndJoinYear,
            ["18-24", 2015L, 10L],
            ["18-24", 2016L, 5L],
            ["36-50", 2020L, 8L],
            ["+50", 2015L, 200L]);
    }

    private static Task<AnalyticsResult> RunAsync(ServerWarehouse warehouse, string name) =>
        warehouse.Queries.RunAsync(name, CancellationToken.None);
}

/// <summary>Queries 5 to 9 on SQLite.</summary>
public sealed class SqliteUserAnalyticsTests : UserAnalyticsContract
{
    private protected override async Task<ServerWarehouse> CreateWarehouseAsync() => await SqliteFileWarehouse.CreateAsync();
}

/// <summary>Queries 5 to 9 on PostgreSQL.</summary>
public sealed class PostgresUserAnalyticsTests : UserAnalyticsContract
{
    private protected override async Task<ServerWarehouse> CreateWarehouseAsync() => await PostgresWarehouse.CreateAsync();
}

/// <summary>Queries 5 to 9 on MariaDB.</summary>
[Collection(MariaDbGroup.Name)]
public sealed class MySqlUserAnalyticsTests(MariaDbServer server) : UserAnalyticsContract
{
    private protected override async Task<ServerWarehouse> CreateWarehouseAsync() => await MySqlWarehouse.CreateAsync(server);
}
