using Pinterest.Modular.Application.Analytics;

namespace Pinterest.Modular.Infrastructure.Database.Analytics;

/// <summary>
/// The constants of spec §5 that both implementations use (<see cref="ColumnScanAnalyticsQueries"/> and its reference,
/// <see cref="AnalyticsSql"/>): the year windows and the age groups' inclusive bounds.
/// </summary>
internal static class AnalyticsRules
{
    /// <summary>Query 2 counts pins whose geo timestamp falls in these years.</summary>
    public static readonly YearWindow PostYears = new(2018, 2022);

    /// <summary>Queries 7 to 9 count users who joined in these years.</summary>
    public static readonly YearWindow JoinYears = new(2015, 2020);

    /// <summary>Inclusive bounds of each group in <c>AnalyticsQuery.AgeGroups</c> order; null means no upper bound.</summary>
    public static readonly (int Min, int? Max)[] AgeBounds = [(18, 24), (25, 35), (36, 50), (51, null)];

    /// <summary>What both implementations throw for a name that is none of the nine.</summary>
    public static ArgumentException UnknownQuery(string name) =>
        new($"Unknown analytics query '{name}'; known: {string.Join(", ", AnalyticsQuery.All)}.", nameof(name));

    /// <summary>The position of an age's group in <c>AnalyticsQuery.AgeGroups</c>, or -1 for younger than 18.</summary>
    public static int AgeGroupOf(int age)
    {
        for (var group = 0; group < AgeBounds.Length; group++)
        {
            var (min, max) = AgeBounds[group];
            if (age >= min && (max is null || age <= max))
            {
                return group;
            }
        }

        return -1;
    }
}
