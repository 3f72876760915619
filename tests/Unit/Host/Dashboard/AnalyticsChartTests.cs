using Pinterest.Modular.Application.Analytics;
using Pinterest.Modular.Host.Dashboard;

namespace Pinterest.Modular.Tests.Unit.Host.Dashboard;

public sealed class AnalyticsChartTests
{
    [Fact]
    public void From_TopCategoryByCountry_BarsPerCountryMeasureTheCountAndNoteTheCategory()
    {
        var result = Result(AnalyticsQuery.TopCategoryByCountry, ["country", "category", "category_count"],
            ["Chad", "travel", 2L], ["Peru", "art", 5L]);

        var chart = AnalyticsChart.From(result);

        chart.Title.Should().Be("top_category_by_country");
        chart.LabelHeading.Should().Be("country");
        chart.ValueHeading.Should().Be("category_count");
        chart.Bars.Should().Equal(new ChartBar("Chad", 2, "travel", "travel"), new ChartBar("Peru", 5, "art", "art"));
        chart.RowsInResult.Should().Be(2);
    }

    [Fact]
    public void From_MedianByJoinYearAndAgeGroup_LabelsWithBothGroupsAndColoursByAgeGroup()
    {
        var result = Result(AnalyticsQuery.MedianFollowersByJoinYearAndAgeGroup, ["age_group", "post_year", "median_follower_count"],
            ["18-24", 2015L, 543_000L], ["25-35", 2016L, 1_000L]);

        var chart = AnalyticsChart.From(result);

        chart.LabelHeading.Should().Be("age_group · post_year");
        chart.Bars.Should().Equal(new ChartBar("18-24 · 2015", 543_000, null, "18-24"), new ChartBar("25-35 · 2016", 1_000, null, "25-35"));
    }

    [Fact]
    public void From_UsersJoinedByYear_HasPlainBarsInTheResultsOrder()
    {
        var result = Result(AnalyticsQuery.UsersJoinedByYear, ["post_year", "number_users_joined"], [2016L, 128L], [2015L, 124L]);

        var chart = AnalyticsChart.From(result);

        chart.Bars.Select(b => (b.Label, b.Value, b.Note, b.ColorKey)).Should().Equal(("2016", 128d, (string?)null, (string?)null), ("2015", 124d, null, null));
    }

    [Fact]
    public void From_WhenMoreRowsThanFit_KeepsTheLargestValuesLargestFirstAndTiesInTheResultsOrder()
    {
        // Values 0, 1, 1, 2, 2, ... in pairs; row 3 the largest. The five smallest go: 0, 1 (row 2), 2, 2, and of the tie at 3 the later row.
        var rows = Enumerable.Range(1, AnalyticsChart.MaxBars + 5)
            .Select(i => new object?[] { $"Country {i:D2}", "art", i == 3 ? 1_000L : i / 2 })
            .ToArray();
        var result = Result(AnalyticsQuery.TopCategoryByCountry, ["country", "category", "category_count"], rows);

        var chart = AnalyticsChart.From(result);

        chart.Bars.Should().HaveCount(AnalyticsChart.MaxBars);
        chart.RowsInResult.Should().Be(AnalyticsChart.MaxBars + 5);
        chart.Bars[0].Label.Should().Be("Country 03");
        chart.Bars.Select(b => b.Value).Should().BeInDescendingOrder();
        chart.Bars.Select(b => b.Value).Min().Should().Be(3);
        chart.Bars.Select(b => b.Label).Should().Contain("Country 06").And.NotContain("Country 07");
    }

    [Fact]
    public void From_AQueryWithoutALayout_ChartsTheLastColumnAgainstTheOthers()
    {
        var result = Result("pins_per_board", ["board", "owner", "pins"], ["Trips", "Ann", 7L]);

        var chart = AnalyticsChart.From(result);

        chart.LabelHeading.Should().Be("board · owner");
        chart.ValueHeading.Should().Be("pins");
        chart.Bars.Should().Equal(new ChartBar("Trips · Ann", 7));
    }

    [Fact]
    public void From_ANullOrTextualValue_IsDrawnAsZeroOrItsNumber()
    {
        var result = Result(AnalyticsQuery.MedianFollowersByAgeGroup, ["age_group", "median_follower_count"], ["18-24", null], ["+50", "2500"]);

        var chart = AnalyticsChart.From(result);

        chart.Bars.Select(b => b.Value).Should().Equal(0, 2500);
    }

    private static AnalyticsResult Result(string name, string[] columns, params object?[][] rows) =>
        new(name, columns, [.. rows.Select(r => (IReadOnlyList<object?>)r)]);
}
