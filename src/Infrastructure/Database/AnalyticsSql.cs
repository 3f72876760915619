using System.Globalization;
using Pinterest.Modular.Application.Analytics;
using Pinterest.Modular.Infrastructure.Database.Analytics;

namespace Pinterest.Modular.Infrastructure.Database;

/// <summary>
/// The nine queries of spec §5 as portable SQL; only the year of a timestamp and code-point ordering come from the
/// <see cref="DatabaseProvider"/>.
/// </summary>
/// <remarks>
/// Counting: <c>category_count</c> counts rows of the join, that is posting events (every table is keyed by
/// <c>ind</c>, so a pin joins at most one geo or user row), with a non-null group value and category.
/// A poster's follower count is the highest value on its pins in the group (the pins of one poster normally carry
/// the same value; the highest keeps the answer deterministic when snapshots differ).
/// Medians are lower medians over the joined pin rows: the value at row number (n + 1) / 2, integer division,
/// in ascending order, written without a division (<c>position * 2 IN (n, n + 1)</c>) because MySQL's <c>/</c>
/// gives a decimal. Ties go to the code-point-first candidate; output is ordered by the group columns, age groups
/// in the order of <see cref="AnalyticsQuery.AgeGroups"/>.
/// </remarks>
internal sealed class AnalyticsSql
{
    public const string WindowStart = "@window_start";
    public const string WindowEnd = "@window_end";

    private static readonly YearWindow PostYears = AnalyticsRules.PostYears;
    private static readonly YearWindow JoinYears = AnalyticsRules.JoinYears;
    private static readonly (int Min, int? Max)[] AgeBounds = AnalyticsRules.AgeBounds;

    private readonly DatabaseProvider provider;
    private readonly Dictionary<string, AnalyticsStatement> statements;

    public AnalyticsSql(DatabaseProvider provider)
    {
        this.provider = provider;
        statements = new Dictionary<string, AnalyticsStatement>(StringComparer.Ordinal)
        {
            [AnalyticsQuery.TopCategoryByCountry] = new(TopCategoryByCountry()),
            [AnalyticsQuery.TopCategoryByYear] = new(TopCategoryByYear(), PostYears),
            [AnalyticsQuery.TopPosterByCountry] = new(TopPosterByCountry()),
            [AnalyticsQuery.TopCountryByFollowers] = new(TopCountryByFollowers()),
            [AnalyticsQuery.TopCategoryByAgeGroup] = new(TopCategoryByAgeGroup()),
            [AnalyticsQuery.MedianFollowersByAgeGroup] = new(MedianFollowersByAgeGroup()),
            [AnalyticsQuery.UsersJoinedByYear] = new(UsersJoinedByYear(), JoinYears),
            [AnalyticsQuery.MedianFollowersByJoinYear] = new(MedianFollowersByJoinYear(), JoinYears),
            [AnalyticsQuery.MedianFollowersByJoinYearAndAgeGroup] = new(MedianFollowersByJoinYearAndAgeGroup(), JoinYears),
        };
    }

    public bool TryGet(string name, out AnalyticsStatement statement) =>
        statements.TryGetValue(name, out statement!);

    private string TopCategoryByCountry() => $"""
        WITH counts AS (
            SELECT g.country AS country, p.category AS category, COUNT(*) AS category_count
            FROM pins p
            JOIN geo g ON g.ind = p.ind
            WHERE g.country IS NOT NULL AND p.category IS NOT NULL
            GROUP BY g.country, p.category
        ),
        ranked AS (
            SELECT country, category, category_count,
                ROW_NUMBER() OVER (PARTITION BY country ORDER BY category_count DESC, {Ordinal("category")}) AS rank_in_group
            FROM counts
        )
        SELECT country, category, category_count
        FROM ranked
        WHERE rank_in_group = 1
        ORDER BY {Ordinal("country")}
        """;

    private string TopCategoryByYear() => $"""
        WITH dated AS (
            SELECT {Year("g.timestamp")} AS post_year, p.category AS category
            FROM pins p
            JOIN geo g ON g.ind = p.ind
            WHERE g.timestamp >= {WindowStart} AND g.timestamp < {WindowEnd} AND p.category IS NOT NULL
        ),
        counts AS (
            SELECT post_year, category, COUNT(*) AS category_count
            FROM dated
            GROUP BY post_year, category
        ),
        ranked AS (
            SELECT post_year, category, category_count,
                ROW_NUMBER() OVER (PARTITION BY post_year ORDER BY category_count DESC, {Ordinal("category")}) AS rank_in_group
            FROM counts
        )
        SELECT post_year, category, category_count
        FROM ranked
        WHERE rank_in_group = 1
        ORDER BY post_year
        """;

    private string TopPosterByCountry() => $"""
        {TopPosterPerCountry()}
        SELECT country, poster_name, follower_count
        FROM ranked
        WHERE rank_in_group = 1
        ORDER BY {Ordinal("country")}
        """;

    private string TopCountryByFollowers() => $"""
        {TopPosterPerCountry()}
        SELECT country, follower_count
        FROM ranked
        WHERE rank_in_group = 1
        ORDER BY follower_count DESC, {Ordinal("country")}
        LIMIT 1
        """;

    private string TopCategoryByAgeGroup() => $"""
        WITH {AgedUsers()},
        counts AS (
            SELECT a.age_group AS age_group, a.age_group_order AS age_group_order, p.category AS category,
                COUNT(*) AS category_count
            FROM pins p
            JOIN aged a ON a.ind = p.ind
            WHERE p.category IS NOT NULL
            GROUP BY a.age_group, a.age_group_order, p.category
        ),
        ranked AS (
            SELECT age_group, age_group_order, category, category_count,
                ROW_NUMBER() OVER (PARTITION BY age_group ORDER BY category_count DESC, {Ordinal("category")}) AS rank_in_group
            FROM counts
        )
        SELECT age_group, category, category_count
        FROM ranked
        WHERE rank_in_group = 1
        ORDER BY age_group_order
        """;

    private static string MedianFollowersByAgeGroup() => $"""
        WITH {AgedUsers()},
        measured AS (
            SELECT a.age_group AS age_group, a.age_group_order AS age_group_order, p.follower_count AS follower_count,
                ROW_NUMBER() OVER (PARTITION BY a.age_group ORDER BY p.follower_count) AS position,
                COUNT(*) OVER (PARTITION BY a.age_group) AS group_size
            FROM pins p
            JOIN aged a ON a.ind = p.ind
            WHERE p.follower_count IS NOT NULL
        )
        SELECT age_group, follower_count AS median_follower_count
        FROM measured
        WHERE position * 2 IN (group_size, group_size + 1)
        ORDER BY age_group_order
        """;

    private string UsersJoinedByYear() => $"""
        WITH people AS (
            SELECT DISTINCT user_name, age, date_joined
            FROM users
            WHERE user_name IS NOT NULL AND age IS NOT NULL
                AND date_joined >= {WindowStart} AND date_joined < {WindowEnd}
        ),
        dated AS (
            SELECT {Year("date_joined")} AS post_year
            FROM people
        )
        SELECT post_year, COUNT(*) AS number_users_joined
        FROM dated
        GROUP BY post_year
        ORDER BY post_year
        """;

    private string MedianFollowersByJoinYear() => $"""
        WITH dated AS (
            SELECT {Year("u.date_joined")} AS post_year, p.follower_count AS follower_count
            FROM pins p
            JOIN users u ON u.ind = p.ind
            WHERE p.follower_count IS NOT NULL
                AND u.date_joined >= {WindowStart} AND u.date_joined < {WindowEnd}
        ),
        measured AS (
            SELECT post_year, follower_count,
                ROW_NUMBER() OVER (PARTITION BY post_year ORDER BY follower_count) AS position,
                COUNT(*) OVER (PARTITION BY post_year) AS group_size
            FROM dated
        )
        SELECT post_year, follower_count AS median_follower_count
        FROM measured
        WHERE position * 2 IN (group_size, group_size + 1)
        ORDER BY post_year
        """;

    private string MedianFollowersByJoinYearAndAgeGroup() => $"""
        WITH {AgedUsers()},
        dated AS (
            SELECT a.age_group AS age_group, a.age_group_order AS age_group_order,
                {Year("a.date_joined")} AS post_year, p.follower_count AS follower_count
            FROM pins p
            JOIN aged a ON a.ind = p.ind
            WHERE p.follower_count IS NOT NULL
                AND a.date_joined >= {WindowStart} AND a.date_joined < {WindowEnd}
        ),
        measured AS (
            SELECT age_group, age_group_order, post_year, follower_count,
                ROW_NUMBER() OVER (PARTITION BY age_group, post_year ORDER BY follower_count) AS position,
                COUNT(*) OVER (PARTITION BY age_group, post_year) AS group_size
            FROM dated
        )
        SELECT age_group, post_year, follower_count AS median_follower_count
        FROM measured
        WHERE position * 2 IN (group_size, group_size + 1)
        ORDER BY age_group_order, post_year
        """;

    // Queries 3 and 4 share it: each country's posters ranked by followers, then by name.
    private string TopPosterPerCountry() => $"""
        WITH posters AS (
            SELECT g.country AS country, p.poster_name AS poster_name, MAX(p.follower_count) AS follower_count
            FROM pins p
            JOIN geo g ON g.ind = p.ind
            WHERE g.country IS NOT NULL AND p.poster_name IS NOT NULL AND p.follower_count IS NOT NULL
            GROUP BY g.country, p.poster_name
        ),
        ranked AS (
            SELECT country, poster_name, follower_count,
                ROW_NUMBER() OVER (PARTITION BY country ORDER BY follower_count DESC, {Ordinal("poster_name")}) AS rank_in_group
            FROM posters
        )
        """;

    // Users of 18 or older with their age group label and its output position; younger ones are in no group.
    private static string AgedUsers()
    {
        var labels = AnalyticsQuery.AgeGroups;
        var conditions = AgeBounds
            .Select(bound => bound.Max is { } max
                ? string.Create(CultureInfo.InvariantCulture, $"age BETWEEN {bound.Min} AND {max}")
                : string.Create(CultureInfo.InvariantCulture, $"age >= {bound.Min}"))
            .ToList();
        var label = string.Join(" ", conditions.Select((condition, i) => $"WHEN {condition} THEN '{labels[i]}'"));
        var order = string.Join(" ", conditions.Select((condition, i) => string.Create(CultureInfo.InvariantCulture, $"WHEN {condition} THEN {i + 1}")));
        return string.Create(CultureInfo.InvariantCulture, $"""
            aged AS (
                SELECT ind, date_joined,
                    CASE {label} END AS age_group,
                    CASE {order} END AS age_group_order
                FROM users
                WHERE age >= {AgeBounds[0].Min}
            )
            """);
    }

    private string Year(string timestampSql) => provider.YearOf(timestampSql);

    private string Ordinal(string textSql) => provider.Ordinal(textSql);
}
