namespace Pinterest.Modular.Tests.Integration.Cli;

/// <summary>
/// The nine results of spec §5, in order, with exactly their columns, written out here (not taken from src) so the
/// CLI's output is checked against the contract rather than against itself.
/// </summary>
internal static class SpecAnalytics
{
    public static IReadOnlyList<(string Name, string[] Columns)> Results { get; } =
    [
        ("top_category_by_country", ["country", "category", "category_count"]),
        ("top_category_by_year", ["post_year", "category", "category_count"]),
        ("top_poster_by_country", ["country", "poster_name", "follower_count"]),
        ("top_country_by_followers", ["country", "follower_count"]),
        ("top_category_by_age_group", ["age_group", "category", "category_count"]),
        ("median_followers_by_age_group", ["age_group", "median_follower_count"]),
        ("users_joined_by_year", ["post_year", "number_users_joined"]),
        ("median_followers_by_join_year", ["post_year", "median_follower_count"]),
        ("median_followers_by_join_year_and_age_group", ["age_group", "post_year", "median_follower_count"]),
    ];

    public static IReadOnlyList<string> Names { get; } = [.. Results.Select(r => r.Name)];

    public static string[] ColumnsOf(string name) => Results.Single(r => r.Name == name).Columns;
}
