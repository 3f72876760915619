using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Pinterest.Modular.Application.Analytics;

namespace Pinterest.Modular.Infrastructure.Database.Analytics;

/// <summary>
/// The nine analytics of spec §5 in one pass over <see cref="AnalyticsColumns"/>: pins merge-joined with geo and users
/// on <c>ind</c> (each table sorted by it), every count, maximum and list of followers gathered at once, then each
/// group's winner or lower median picked. The rules are <see cref="AnalyticsSql"/>'s, which the tests hold it to.
/// </summary>
/// <remarks>
/// Counting: <c>category_count</c> counts posting events (pins with a geo or user row) with a non-null group value and
/// category. A poster's follower count is the highest on its pins in the country. The lower median is the value at
/// (n + 1) / 2 in ascending order. Ties go to the candidate first by code point; output is ordered by the group
/// columns (text by code point, age groups in <see cref="AnalyticsQuery.AgeGroups"/> order).
/// </remarks>
internal sealed class NineAnalytics
{
    private readonly AnalyticsColumns data;
    private readonly Dictionary<(int Country, int Category), long> categoriesByCountry = [];
    private readonly Dictionary<(int Year, int Category), long> categoriesByPostYear = [];
    private readonly Dictionary<(int Country, int Poster), long> postersByCountry = [];
    private readonly Dictionary<(int AgeGroup, int Category), long> categoriesByAgeGroup = [];
    private readonly Dictionary<int, List<long>> followersByAgeGroup = [];
    private readonly Dictionary<int, List<long>> followersByJoinYear = [];
    private readonly Dictionary<(int AgeGroup, int Year), List<long>> followersByAgeGroupAndJoinYear = [];

    private NineAnalytics(AnalyticsColumns data) => this.data = data;

    /// <summary>All nine, in <see cref="AnalyticsQuery.All"/> order.</summary>
    public static IReadOnlyList<AnalyticsResult> Compute(AnalyticsColumns data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var analytics = new NineAnalytics(data);
        analytics.Gather();
        var topPosters = analytics.TopPosterByCountry();
        return
        [
            analytics.TopCategoryByCountry(),
            analytics.TopCategoryByYear(),
            topPosters,
            TopCountryByFollowers(topPosters),
            analytics.TopCategoryByAgeGroup(),
            analytics.MedianFollowersByAgeGroup(),
            analytics.UsersJoinedByYear(),
            analytics.MedianFollowersByJoinYear(),
            analytics.MedianFollowersByJoinYearAndAgeGroup(),
        ];
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Gather()
    {
        var geo = CollectionsMarshal.AsSpan(data.Geo);
        var users = CollectionsMarshal.AsSpan(data.Users);
        int g = 0, u = 0;
        foreach (var pin in CollectionsMarshal.AsSpan(data.Pins))
        {
            while (g < geo.Length && geo[g].Ind < pin.Ind)
            {
                g++;
            }

            while (u < users.Length && users[u].Ind < pin.Ind)
            {
                u++;
            }

            if (g < geo.Length && geo[g].Ind == pin.Ind)
            {
                Place(pin, geo[g]);
            }

            if (u < users.Length && users[u].Ind == pin.Ind)
            {
                Post(pin, users[u]);
            }
        }
    }

    // Queries 1 to 3: a pin with its geo row.
    private void Place(PinEntry pin, GeoEntry geo)
    {
        if (pin.Category != TextIds.Null)
        {
            if (geo.Country != TextIds.Null)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(categoriesByCountry, (geo.Country, pin.Category), out _)++;
            }

            if (geo.Year is { } year && AnalyticsRules.PostYears.Contains(year))
            {
                CollectionsMarshal.GetValueRefOrAddDefault(categoriesByPostYear, (year, pin.Category), out _)++;
            }
        }

        if (geo.Country != TextIds.Null && pin.Poster != TextIds.Null && pin.Followers is { } followers)
        {
            ref var highest = ref CollectionsMarshal.GetValueRefOrAddDefault(postersByCountry, (geo.Country, pin.Poster), out var seen);
            highest = seen ? Math.Max(highest, followers) : followers;
        }
    }

    // Queries 5, 6, 8 and 9: a pin with its user row.
    private void Post(PinEntry pin, UserEntry user)
    {
        var ageGroup = user.Age is { } age ? AnalyticsRules.AgeGroupOf(age) : -1;
        if (ageGroup >= 0 && pin.Category != TextIds.Null)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(categoriesByAgeGroup, (ageGroup, pin.Category), out _)++;
        }

        if (pin.Followers is not { } followers)
        {
            return;
        }

        if (ageGroup >= 0)
        {
            ListOf(followersByAgeGroup, ageGroup).Add(followers);
        }

        if (user.JoinYear is { } year && AnalyticsRules.JoinYears.Contains(year))
        {
            ListOf(followersByJoinYear, year).Add(followers);
            if (ageGroup >= 0)
            {
                ListOf(followersByAgeGroupAndJoinYear, (ageGroup, year)).Add(followers);
            }
        }
    }

    private AnalyticsResult TopCategoryByCountry() => new(
        AnalyticsQuery.TopCategoryByCountry,
        ["country", "category", "category_count"],
        TopPerGroup(categoriesByCountry, key => key.Country, key => key.Category, data.Categories)
            .OrderBy(top => data.Countries[top.Key], CodePointOrder.Instance)
            .Select(top => Row(data.Countries[top.Key], data.Categories[top.Value.Candidate], top.Value.Value))
            .ToList());

    private AnalyticsResult TopCategoryByYear() => new(
        AnalyticsQuery.TopCategoryByYear,
        ["post_year", "category", "category_count"],
        TopPerGroup(categoriesByPostYear, key => key.Year, key => key.Category, data.Categories)
            .OrderBy(top => top.Key)
            .Select(top => Row((long)top.Key, data.Categories[top.Value.Candidate], top.Value.Value))
            .ToList());

    private AnalyticsResult TopPosterByCountry() => new(
        AnalyticsQuery.TopPosterByCountry,
        ["country", "poster_name", "follower_count"],
        TopPerGroup(postersByCountry, key => key.Country, key => key.Poster, data.Posters)
            .OrderBy(top => data.Countries[top.Key], CodePointOrder.Instance)
            .Select(top => Row(data.Countries[top.Key], data.Posters[top.Value.Candidate], top.Value.Value))
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

    private AnalyticsResult TopCategoryByAgeGroup() => new(
        AnalyticsQuery.TopCategoryByAgeGroup,
        ["age_group", "category", "category_count"],
        TopPerGroup(categoriesByAgeGroup, key => key.AgeGroup, key => key.Category, data.Categories)
            .OrderBy(top => top.Key)
            .Select(top => Row(AnalyticsQuery.AgeGroups[top.Key], data.Categories[top.Value.Candidate], top.Value.Value))
            .ToList());

    private AnalyticsResult MedianFollowersByAgeGroup() => new(
        AnalyticsQuery.MedianFollowersByAgeGroup,
        ["age_group", "median_follower_count"],
        followersByAgeGroup
            .OrderBy(group => group.Key)
            .Select(group => Row(AnalyticsQuery.AgeGroups[group.Key], LowerMedian(group.Value)))
            .ToList());

    // Distinct people (same user_name, age and date_joined), none of the three null.
    private AnalyticsResult UsersJoinedByYear()
    {
        var people = new HashSet<(int Name, int Age, long Joined, int Year)>();
        foreach (var user in CollectionsMarshal.AsSpan(data.Users))
        {
            if (user.Name != TextIds.Null && user.Age is { } age && user.Joined is { } joined
                && user.JoinYear is { } year && AnalyticsRules.JoinYears.Contains(year))
            {
                people.Add((user.Name, age, joined, year));
            }
        }

        return new AnalyticsResult(
            AnalyticsQuery.UsersJoinedByYear,
            ["post_year", "number_users_joined"],
            people
                .CountBy(person => person.Year)
                .OrderBy(year => year.Key)
                .Select(year => Row((long)year.Key, (long)year.Value))
                .ToList());
    }

    private AnalyticsResult MedianFollowersByJoinYear() => new(
        AnalyticsQuery.MedianFollowersByJoinYear,
        ["post_year", "median_follower_count"],
        followersByJoinYear
            .OrderBy(year => year.Key)
            .Select(year => Row((long)year.Key, LowerMedian(year.Value)))
            .ToList());

    private AnalyticsResult MedianFollowersByJoinYearAndAgeGroup() => new(
        AnalyticsQuery.MedianFollowersByJoinYearAndAgeGroup,
        ["age_group", "post_year", "median_follower_count"],
        followersByAgeGroupAndJoinYear
            .OrderBy(group => group.Key.AgeGroup)
            .ThenBy(group => group.Key.Year)
            .Select(group => Row(AnalyticsQuery.AgeGroups[group.Key.AgeGroup], (long)group.Key.Year, LowerMedian(group.Value)))
            .ToList());

    // Per group, the candidate with the highest value; equal values go to the candidate first by code point.
    private static Dictionary<int, (int Candidate, long Value)> TopPerGroup<TKey>(
        Dictionary<TKey, long> values, Func<TKey, int> group, Func<TKey, int> candidate, TextIds candidates)
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

    // The value at (n + 1) / 2 in ascending order, found by selection (Hoare's), not by sorting every value.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static long LowerMedian(List<long> values)
    {
        var span = CollectionsMarshal.AsSpan(values);
        var k = (span.Length - 1) / 2;
        int low = 0, high = span.Length - 1;
        while (low < high)
        {
            var pivot = MedianOfThree(span[low], span[low + ((high - low) / 2)], span[high]);
            int i = low, j = high;
            while (i <= j)
            {
                while (span[i] < pivot)
                {
                    i++;
                }

                while (span[j] > pivot)
                {
                    j--;
                }

                if (i <= j)
                {
                    (span[i], span[j]) = (span[j], span[i]);
                    i++;
                    j--;
                }
            }

            if (k <= j)
            {
                high = j;
            }
            else if (k >= i)
            {
                low = i;
            }
            else
            {
                return span[k];
            }
        }

        return span[k];
    }

    private static long MedianOfThree(long a, long b, long c) => Math.Max(Math.Min(a, b), Math.Min(Math.Max(a, b), c));

    private static List<long> ListOf<TKey>(Dictionary<TKey, List<long>> lists, TKey key)
        where TKey : notnull
    {
        ref var list = ref CollectionsMarshal.GetValueRefOrAddDefault(lists, key, out _);
        return list ??= [];
    }

    private static object?[] Row(params object?[] values) => values;
}
