using Pinterest.Modular.Application.Analytics;

namespace Pinterest.Modular.Tests.Integration.Database;

public sealed class AnalyticsShapeTests
{
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
        await using var warehouse = await TempWarehouse.CreateAsync();

        var result = await warehouse.Queries.RunAsync(name, CancellationToken.None);

        result.Name.Should().Be(name);
        result.ShouldBeTable(columns.Split(','));
    }

    [Fact]
    public async Task Run_WithAnUnknownName_ThrowsNamingTheKnownOnes()
    {
        await using var warehouse = await TempWarehouse.CreateAsync();

        var run = () => warehouse.Queries.RunAsync("top_everything", CancellationToken.None);

        await run.Should().ThrowAsync<ArgumentException>().WithMessage("*top_everything*top_category_by_country*");
    }
}
