using Pinterest.Modular.Application.Analytics;
using static Pinterest.Modular.Tests.Integration.Database.AnalyticsSeed;
using static Pinterest.Modular.Tests.Integration.Database.TestRows;

namespace Pinterest.Modular.Tests.Integration.Database;

/// <summary>Queries 1 to 4: pin ⋈ geo, on every engine (one subclass each, below).</summary>
public abstract class CountryAnalyticsContract
{
    private static readonly string[] CategoryByCountry = ["country", "category", "category_count"];
    private static readonly string[] CategoryByYear = ["post_year", "category", "category_count"];
    private static readonly string[] PosterByCountry = ["country", "poster_name", "follower_count"];
    private static readonly string[] CountryByFollowers = ["country", "follower_count"];

    /// <summary>A migrated warehouse on a new database of the engine under test.</summary>
    private protected abstract Task<ServerWarehouse> CreateWarehouseAsync();

    [Fact]
    public async Task TopCategoryByCountry_PicksTheMostFrequentCategory_OrderedByCountry()
    {
        await using var warehouse = await CreateWarehouseAsync();
        await warehouse.SeedAsync(
            new Placed("Peru", "travel"), new Placed("Peru", "art"), new Placed("Peru", "travel"), new Placed("Peru", "travel"),
            new Placed("Albania", "quotes"), new Placed("Albania", "beauty"), new Placed("Albania", "quotes"));

        var result = await RunAsync(warehouse, AnalyticsQuery.TopCategoryByCountry);

        result.ShouldBeTable(
            CategoryByCountry,
            ["Albania", "quotes", 2L],
            ["Peru", "travel", 3L]);
    }

    [Fact]
    public async Task TopCategoryByCountry_WhenCountsTie_PicksTheAlphabeticallyFirstCategory()
    {
        await using var warehouse = await CreateWarehouseAsync();
        await warehouse.SeedAsync(
            new Placed("Chad", "tattoos"), new Placed("Chad", "tattoos"), new Placed("Chad", "finance"),
            new Placed("Chad", "beauty"), new Placed("Chad", "beauty"));

        var result = await RunAsync(warehouse, AnalyticsQuery.TopCategoryByCountry);

        result.ShouldBeTable(CategoryByCountry, ["Chad", "beauty", 2L]);
    }

    [Fact]
    public async Task TopCategoryByCountry_LeavesOutNullCountryNullCategoryAndUnjoinedPins()
    {
        await using var warehouse = await CreateWarehouseAsync();
        await warehouse.SeedAsync(
            new Placed("Chad", "art"), new Placed("Chad", null), new Placed("Chad", null), new Placed("Chad", null),
            new Placed(null, "travel"), new Placed(null, "travel"));
        await warehouse.SeedUnjoinedPinsAsync(firstInd: 100, count: 3, "vehicles");

        var result = await RunAsync(warehouse, AnalyticsQuery.TopCategoryByCountry);

        result.ShouldBeTable(CategoryByCountry, ["Chad", "art", 1L]);
    }

    [Fact]
    public async Task TopCategoryByCountry_OrdersCountriesByCodePoint()
    {
        await using var warehouse = await CreateWarehouseAsync();
        await warehouse.SeedAsync(new Placed("Åland Islands", "art"), new Placed("Zambia", "art"), new Placed("Chad", "art"));

        var result = await RunAsync(warehouse, AnalyticsQuery.TopCategoryByCountry);

        result.ShouldBeTable(
            CategoryByCountry,
            ["Chad", "art", 1L],
            ["Zambia", "art", 1L],
            ["Åland Islands", "art", 1L]);
    }

    [Fact]
    public async Task TopCategoryByYear_CountsOnlyGeoYears2018To2022()
    {
        await using var warehouse = await CreateWarehouseAsync();
        await warehouse.SeedAsync(
            new Placed("Peru", "travel", At: Utc(2017, 12, 31, 23, 59, 59)),
            new Placed("Peru", "travel", At: Utc(2017, 6, 1)),
            new Placed("Peru", "art", At: Utc(2018, 1, 1)),
            new Placed("Peru", "beauty", At: Utc(2018, 6, 1)),
            new Placed("Peru", "beauty", At: Utc(2018, 12, 31, 23, 59, 59)),
            new Placed("Peru", "quotes", At: Utc(2022, 12, 31, 23, 59, 59)),
            new Placed("Peru", "travel", At: Utc(2023, 1, 1)),
            new Placed("Peru", "travel", At: Utc(2023, 1, 1)));

        var result = await RunAsync(warehouse, AnalyticsQuery.TopCategoryByYear);

        result.ShouldBeTable(
            CategoryByYear,
            [2018L, "beauty", 2L],
            [2022L, "quotes", 1L]);
    }

    [Fact]
    public async Task TopCategoryByYear_WhenCountsTie_PicksTheAlphabeticallyFirstCategory_AndLeavesOutNulls()
    {
        await using var warehouse = await CreateWarehouseAsync();
        await warehouse.SeedAsync(
            new Placed("Peru", "vehicles", At: Utc(2020, 2, 1)),
            new Placed("Peru", "diy-and-crafts", At: Utc(2020, 3, 1)),
            new Placed("Peru", null, At: Utc(2020, 4, 1)),
            new Placed("Peru", null, At: Utc(2020, 4, 2)));
        await warehouse.SeedAsync(pins: [Pin(50, "travel")], geos: [Geo(50, "Peru") with { Timestamp = null }]);

        var result = await RunAsync(warehouse, AnalyticsQuery.TopCategoryByYear);

        result.ShouldBeTable(CategoryByYear, [2020L, "diy-and-crafts", 1L]);
    }

    [Fact]
    public async Task TopPosterByCountry_PicksThePosterWithMostFollowers_PerCountry()
    {
        await using var warehouse = await CreateWarehouseAsync();
        await warehouse.SeedAsync(
            new Placed("Peru", Poster: "Ann", Followers: 500),
            new Placed("Peru", Poster: "Bob", Followers: 900),
            new Placed("Peru", Poster: "Bob", Followers: 900),
            new Placed("Peru", Poster: "Cid", Followers: 100),
            new Placed("Chad", Poster: "Dan", Followers: 50));

        var result = await RunAsync(warehouse, AnalyticsQuery.TopPosterByCountry);

        result.ShouldBeTable(
            PosterByCountry,
            ["Chad", "Dan", 50L],
            ["Peru", "Bob", 900L]);
    }

    [Fact]
    public async Task TopPosterByCountry_WhenFollowersTie_PicksTheCodePointFirstName()
    {
        await using var warehouse = await CreateWarehouseAsync();
        await warehouse.SeedAsync(
            new Placed("Peru", Poster: "Émile", Followers: 700),
            new Placed("Peru", Poster: "zed", Followers: 700),
            new Placed("Peru", Poster: "Zoe", Followers: 700),
            new Placed("Peru", Poster: "Abe", Followers: 699));

        var result = await RunAsync(warehouse, AnalyticsQuery.TopPosterByCountry);

        result.ShouldBeTable(PosterByCountry, ["Peru", "Zoe", 700L]);
    }

    [Fact]
    public async Task TopPosterByCountry_LeavesOutNullPosterAndNullFollowers()
    {
        await using var warehouse = await CreateWarehouseAsync();
        await warehouse.SeedAsync(
            new Placed("Peru", Poster: null, Followers: 9_999),
            new Placed("Peru", Poster: "Ann", Followers: null),
            new Placed("Peru", Poster: "Bob", Followers: 10),
            new Placed(null, Poster: "Cid", Followers: 5_000));

        var result = await RunAsync(warehouse, AnalyticsQuery.TopPosterByCountry);

        result.ShouldBeTable(PosterByCountry, ["Peru", "Bob", 10L]);
    }

    [Fact]
    public async Task TopPosterByCountry_TakesThePostersHighestCountOnItsPins()
    {
        await using var warehouse = await CreateWarehouseAsync();
        await warehouse.SeedAsync(
            new Placed("Peru", Poster: "Ann", Followers: 100),
            new Placed("Peru", Poster: "Ann", Followers: 300),
            new Placed("Peru", Poster: "Bob", Followers: 200));

        var result = await RunAsync(warehouse, AnalyticsQuery.TopPosterByCountry);

        result.ShouldBeTable(PosterByCountry, ["Peru", "Ann", 300L]);
    }

    [Fact]
    public async Task TopCountryByFollowers_ReturnsOneRow_TheCountryWhoseTopPosterHasMostFollowers()
    {
        await using var warehouse = await CreateWarehouseAsync();
        await warehouse.SeedAsync(
            new Placed("Albania", Poster: "Xi", Followers: 800),
            new Placed("Peru", Poster: "Bob", Followers: 900),
            new Placed("Peru", Poster: "Ann", Followers: 10),
            new Placed("Chad", Poster: "Dan", Followers: 50));

        var result = await RunAsync(warehouse, AnalyticsQuery.TopCountryByFollowers);

        result.ShouldBeTable(CountryByFollowers, ["Peru", 900L]);
    }

    [Fact]
    public async Task TopCountryByFollowers_WhenCountriesTie_PicksTheAlphabeticallyFirstCountry()
    {
        await using var warehouse = await CreateWarehouseAsync();
        await warehouse.SeedAsync(
            new Placed("Peru", Poster: "Bob", Followers: 900),
            new Placed("Chad", Poster: "Dan", Followers: 900),
            new Placed("Albania", Poster: "Xi", Followers: 10));

        var result = await RunAsync(warehouse, AnalyticsQuery.TopCountryByFollowers);

        result.ShouldBeTable(CountryByFollowers, ["Chad", 900L]);
    }

    private static Task<AnalyticsResult> RunAsync(ServerWarehouse warehouse, string name) =>
        warehouse.Queries.RunAsync(name, CancellationToken.None);
}

/// <summary>Queries 1 to 4 on SQLite.</summary>
public sealed class SqliteCountryAnalyticsTests : CountryAnalyticsContract
{
    private protected override async Task<ServerWarehouse> CreateWarehouseAsync() => await SqliteFileWarehouse.CreateAsync();
}

/// <summary>Queries 1 to 4 on PostgreSQL.</summary>
public sealed class PostgresCountryAnalyticsTests : CountryAnalyticsContract
{
    private protected override async Task<ServerWarehouse> CreateWarehouseAsync() => await PostgresWarehouse.CreateAsync();
}

/// <summary>Queries 1 to 4 on MariaDB.</summary>
[Collection(MariaDbGroup.Name)]
public sealed class MySqlCountryAnalyticsTests(MariaDbServer server) : CountryAnalyticsContract
{
    private protected override async Task<ServerWarehouse> CreateWarehouseAsync() => await MySqlWarehouse.CreateAsync(server);
}
