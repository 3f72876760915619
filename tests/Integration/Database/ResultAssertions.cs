using Pinterest.Modular.Application.Analytics;

namespace Pinterest.Modular.Tests.Integration.Database;

internal static class ResultAssertions
{
    /// <summary>
    /// Asserts the exact table: columns, row order, and every value with its type (a count must be a long, not an int
    /// or a string).
    /// </summary>
    public static void ShouldBeTable(this AnalyticsResult result, string[] columns, params object?[][] rows)
    {
        result.Columns.Should().Equal(columns);
        result.Rows.Select(Describe).Should().Equal(rows.Select(Describe));
    }

    private static string Describe(IReadOnlyList<object?> row) =>
        string.Join(" | ", row.Select(value => value is null ? "null" : $"{value.GetType().Name}:{value}"));
}
