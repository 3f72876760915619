using Pinterest.Modular.Application.Analytics;

namespace Pinterest.Modular.Tests.Integration.Database;

/// <summary>The nine tables' columns, and the error for an unknown name, on every engine (one subclass each, below).</summary>
public abstract class AnalyticsShapeContract
{
    /// <summary>A migrated warehouse on a new database of the engine under test.</summary>
    private protected abstract Task<ServerWarehouse> CreateWarehouseAsync();

    [Theory]
    [InlineData(AnalyticsQuery.TopCategoryByCountry, "country,category,category_count")]
    [InlineData(AnalyticsQuery.TopCategoryByYear, "post_year,category,category_count")]
    [InlineData(AnalyticsQuery.TopPosterByCountry, "country,poster_name,follower_count")]
    [InlineData(AnalyticsQuery.TopCountryByFollowers, "country,follower_count")]
    [InlineData(AnalyticsQuery.TopCategoryByAgeGroup, "age_group,category,category_count")]
    [InlineData(AnalyticsQuery.MedianFollowersByAgeGroup, "age_group,median_follower_count")]
    [InlineData(AnalyticsQuery.UsersJoinedByYear, "post_year,number_users_joined")]
    [InlineData(AnalyticsQuery.MedianFollowersByJoinYear, "post_year,median_follower_count")]
    [InlineData(AnalyticsQuery.MedianFollowersByJoinYearAndAgeGroup, "age_group,post_year,median_follower_count")]
    public async Task Run_OnAnEmptyWarehouse_ReturnsTheSpecColumnsAndNoRows(string name, string columns)
    {
        await using var warehouse = await CreateWarehouseAsync();

        var result = await warehouse.Queries.RunAsync(name, CancellationToken.None);

        result.Name.Should().Be(name);
        result.ShouldBeTable(columns.Split(','));
    }

    [Fact]
    public async Task Run_WithAnUnknownName_ThrowsNamingTheKnownOnes()
    {
        await using var warehouse = await CreateWarehouseAsync();

        var run = () => warehouse.Queries.RunAsync("top_everything", CancellationToken.None);

        await run.Should().ThrowAsync<ArgumentException>().WithMessage("*top_everything*top_category_by_country*");
    }
}

/// <summary>The tables' shapes on SQLite.</summary>
public sealed class SqliteAnalyticsShapeTests : AnalyticsShapeContract
{
    private protected override async Task<ServerWarehouse> CreateWarehouseAsync() => await SqliteFileWarehouse.CreateAsync();
}

/// <summary>The tables' shapes on PostgreSQL.</summary>
public sealed class PostgresAnalyticsShapeTests : AnalyticsShapeContract
{
    private protected override async Task<ServerWarehouse> CreateWarehouseAsync() => await PostgresWarehouse.CreateAsync();
}

/// <summary>The tables' shapes on MariaDB.</summary>
[Collection(MariaDbGroup.Name)]
public sealed class MySqlAnalyticsShapeTests(MariaDbServer server) : AnalyticsShapeContract
{
    private protected override async Task<ServerWarehouse> CreateWarehouseAsync() => await MySqlWarehouse.CreateAsync(server);
}
