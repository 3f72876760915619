namespace Pinterest.Modular.Application.Analytics;

/// <summary>The nine questions of spec §5, by their public names, in order.</summary>
public static class AnalyticsQuery
{
    public const string TopCategoryByCountry = "top_category_by_country";
    public const string TopCategoryByYear = "top_category_by_year";
    public const string TopPosterByCountry = "top_poster_by_country";
    public const string TopCountryByFollowers = "top_country_by_followers";
    public const string TopCategoryByAgeGroup = "top_category_by_age_group";
    public const string MedianFollowersByAgeGroup = "median_followers_by_age_group";
    public const string UsersJoinedByYear = "users_joined_by_year";
    public const string MedianFollowersByJoinYear = "median_followers_by_join_year";
    public const string MedianFollowersByJoinYearAndAgeGroup = "median_followers_by_join_year_and_age_group";

    public static IReadOnlyList<string> All { get; } =
    [
        TopCategoryByCountry, TopCategoryByYear, TopPosterByCountry, TopCountryByFollowers, TopCategoryByAgeGroup,
        MedianFollowersByAgeGroup, UsersJoinedByYear, MedianFollowersByJoinYear, MedianFollowersByJoinYearAndAgeGroup,
    ];

    /// <summary>Age groups in their output order; bounds inclusive, younger than 18 in no group.</summary>
    public static IReadOnlyList<string> AgeGroups { get; } = ["18-24", "25-35", "36-50", "+50"];

    public static bool IsKnown(string name) => All.Contains(name, StringComparer.Ordinal);
}
