using System.Runtime.InteropServices;
using Pinterest.Modular.Application.Analytics;

namespace Pinterest.Modular.Infrastructure.Database.Analytics;

/// <summary>
/// What the nine answers are picked from, however it was gathered (in one pass by <see cref="NineAnalytics"/>, or kept
/// up to date row by row by <see cref="MaintainedNine"/>): counts per group and candidate, each poster's highest follower
/// count per country, the lower medians per group and the distinct people per join year. Text is ids into the
/// <see cref="AnalyticsColumns"/>' value lists.
/// </summary>
internal sealed record Tallies(
    IReadOnlyDictionary<(int Country, int Category), long> CategoriesByCountry,
    IReadOnlyDictionary<(int Year, int Category), long> CategoriesByPostYear,
    IReadOnlyDictionary<(int Country, int Poster), long> HighestFollowersByCountryAndPoster,
    IReadOnlyDictionary<(int AgeGroup, int Category), long> CategoriesByAgeGroup,
    IEnumerable<KeyValuePair<int, long>> MedianFollowersByAgeGroup,
    IEnumerable<KeyValuePair<int, long>> UsersJoinedByYear,
    IEnumerable<KeyValuePair<int, long>> MedianFollowersByJoinYear,
    IEnumerable<KeyValuePair<(int AgeGroup, int Year), long>> MedianFollowersByAgeGroupAndJoinYear);

/// <summary>A distinct person for query 7: same user_name, age and date_joined (none null), joined in the window.</summary>
internal readonly record struct Person(int Name, int Age, long Joined, int Year)
{
    public static Person? Of(UserEntry user) =>
        user.Name != TextIds.Null && user.Age is { } age && user.Joined is { } joined
        && user.JoinYear is { } year && AnalyticsRules.JoinYears.Contains(year)
            ? new Person(user.Name, age, joined, year)
            : null;
}

/// <summary>
/// The nine results from their <see cref="Tallies"/>: each group's winner (ties to the candidate first by code point)
/// and the output order (text by code point, age groups in <see cref="AnalyticsQuery.AgeGroups"/> order).
/// </summary>
internal static class NineResults
{
    /// <summary>All nine, in <see cref="AnalyticsQuery.All"/> order.</summary>
    public static IReadOnlyList<AnalyticsResult> All(AnalyticsColumns text, Tallies tallies)
    {
        var topPosters = TopPosterByCountry(text, tallies.HighestFollowersByCountryAndPoster);
        return
        [
            TopCategoryByCountry(text, tallies.CategoriesByCountry),
            TopCategoryByYear(text, tallies.CategoriesByPostYear),
            topPosters,
            TopCountryByFollowers(topPosters),
            TopCategoryByAgeGroup(text, tallies.CategoriesByAgeGroup),
            new(
                AnalyticsQuery.MedianFollowersByAgeGroup,
                ["age_group", "median_follower_count"],
                tallies.MedianFollowersByAgeGroup
                    .OrderBy(group => group.Key)
                    .Select(group => Row(AnalyticsQuery.AgeGroups[group.Key], group.Value))
                    .ToList()),
            new(
                AnalyticsQuery.UsersJoinedByYear,
                ["post_year", "number_users_joined"],
                tallies.UsersJoinedByYear
                    .OrderBy(year => year.Key)
                    .Select(year => Row((long)year.Key, year.Value))
                    .ToList()),
            new(
                AnalyticsQuery.MedianFollowersByJoinYear,
                ["post_year", "median_follower_count"],
                tallies.MedianFollowersByJoinYear
                    .OrderBy(year => year.Key)
                    .Select(year => Row((long)year.Key, year.Value))
                    .ToList()),
            new(
                AnalyticsQuery.MedianFollowersByJoinYearAndAgeGroup,
                ["age_group", "post_year", "median_follower_count"],
                tallies.MedianFollowersByAgeGroupAndJoinYear
                    .OrderBy(group => group.Key.AgeGroup)
                    .ThenBy(group => group.Key.Year)
                    .Select(group => Row(AnalyticsQuery.AgeGroups[group.Key.AgeGroup], (long)group.Key.Year, group.Value))
                    .ToList()),
        ];
    }

    private static AnalyticsResult TopCategoryByCountry(AnalyticsColumns text, IReadOnlyDictionary<(int Country, int Category), long> counts) => new(
        AnalyticsQuery.TopCategoryByCountry,
        ["country", "category", "category_count"],
        TopPerGroup(counts, key => key.Country, key => key.Category, text.Categories)
            .OrderBy(top => text.Countries[top.Key], CodePointOrder.Instance)
            .Select(top => Row(text.Countries[top.Key], text.Categories[top.Value.Candidate], top.Value.Value))
            .ToList());

    private static AnalyticsResult TopCategoryByYear(AnalyticsColumns text, IReadOnlyDictionary<(int Year, int Category), long> counts) => new(
        AnalyticsQuery.TopCategoryByYear,
        ["post_year", "category", "category_count"],
        TopPerGroup(counts, key => key.Year, key => key.Category, text.Categories)
            .OrderBy(top => top.Key)
            .Select(top => Row((long)top.Key, text.Categories[top.Value.Candidate], top.Value.Value))
            .ToList());

    private static AnalyticsResult TopPosterByCountry(AnalyticsColumns text, IReadOnlyDictionary<(int Country, int Poster), long> highest) => new(
        AnalyticsQuery.TopPosterByCountry,
        ["country", "poster_name", "follower_count"],
        TopPerGroup(highest, key => key.Country, key => key.Poster, text.Posters)
            .OrderBy(top => text.Countries[top.Key], CodePointOrder.Instance)
            .Select(top => Row(text.Countries[top.Key], text.Posters[top.Value.Candidate], top.Value.Value))
            .ToList());

    // The country whose top poster has the most followers; ties to the country first by code point.
    private static AnalyticsResult TopCountryByFollowers(AnalyticsResult topPosters) => new(
        AnalyticsQuery.TopCountryByFollowers,
        ["country", "follower_count"],
        topPosters.Rows
            .OrderByDescending(row => (long)row[2]!)
            .ThenBy(row => (string)row[0]!, CodePointOrder.Instance)
            .Take(1)
            .Select(row => Row(row[0], row[2]))
            .ToList());

    private static AnalyticsResult TopCategoryByAgeGroup(AnalyticsColumns text, IReadOnlyDictionary<(int AgeGroup, int Category), long> counts) => new(
        AnalyticsQuery.TopCategoryByAgeGroup,
        ["age_group", "category", "category_count"],
        TopPerGroup(counts, key => key.AgeGroup, key => key.Category, text.Categories)
            .OrderBy(top => top.Key)
            .Select(top => Row(AnalyticsQuery.AgeGroups[top.Key], text.Categories[top.Value.Candidate], top.Value.Value))
            .ToList());

    // Per group, the candidate with the highest value; equal values go to the candidate first by code point.
    private static Dictionary<int, (int Candidate, long Value)> TopPerGroup<TKey>(
        IReadOnlyDictionary<TKey, long> values, Func<TKey, int> group, Func<TKey, int> candidate, TextIds candidates)
        where TKey : notnull
    {
        var tops = new Dictionary<int, (int Candidate, long Value)>();
        foreach (var (key, value) in values)
        {
            ref var top = ref CollectionsMarshal.GetValueRefOrAddDefault(tops, group(key), out var seen);
            var id = candidate(key);
            if (!seen || value > top.Value
                || (value == top.Value && CodePointOrder.Instance.Compare(candidates[id], candidates[top.Candidate]) < 0))
            {
                top = (id, value);
            }
        }

        return tops;
    }

    private static object?[] Row(params object?[] values) => values;
}
