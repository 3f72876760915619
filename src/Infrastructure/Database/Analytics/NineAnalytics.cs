using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Pinterest.Modular.Application.Analytics;

namespace Pinterest.Modular.Infrastructure.Database.Analytics;

/// <summary>
/// The nine analytics of spec §5 in one read of <see cref="AnalyticsColumns"/>: pins merge-joined with geo and users
/// on <c>ind</c> (each table sorted by it), every count, maximum and list of followers gathered at once, then each
/// group's lower median picked, and the winners by <see cref="NineResults"/>. The rules are <see cref="AnalyticsSql"/>'s,
/// which the tests hold it to; <see cref="MaintainedNine"/> keeps the same tallies up to date row by row.
/// </summary>
/// <remarks>
/// Counting: <c>category_count</c> counts posting events (pins with a geo or user row) with a non-null group value and
/// category. A poster's follower count is the highest on its pins in the country. The lower median is the value at
/// (n + 1) / 2 in ascending order.
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
    /// <remarks>
    /// Pins with geo and pins with users are two joins that share no tally, so they run side by side (with the people
    /// of query 7 beside the first).
    /// </remarks>
    public static IReadOnlyList<AnalyticsResult> Compute(AnalyticsColumns data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var analytics = new NineAnalytics(data);
        var posts = Task.Run(() =>
        {
            analytics.GatherPosts();
            return (
                AgeGroups: Medians(analytics.followersByAgeGroup),
                JoinYears: Medians(analytics.followersByJoinYear),
                AgeGroupsAndJoinYears: Medians(analytics.followersByAgeGroupAndJoinYear));
        });
        analytics.GatherPlaces();
        var usersJoined = analytics.UsersJoinedByYear();
        var medians = posts.GetAwaiter().GetResult();
        return NineResults.All(
            data,
            new Tallies(
                analytics.categoriesByCountry,
                analytics.categoriesByPostYear,
                analytics.postersByCountry,
                analytics.categoriesByAgeGroup,
                medians.AgeGroups,
                usersJoined,
                medians.JoinYears,
                medians.AgeGroupsAndJoinYears));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void GatherPlaces()
    {
        var geo = CollectionsMarshal.AsSpan(data.Geo);
        var g = 0;
        foreach (var pin in CollectionsMarshal.AsSpan(data.Pins))
        {
            while (g < geo.Length && geo[g].Ind < pin.Ind)
            {
                g++;
            }

            if (g < geo.Length && geo[g].Ind == pin.Ind)
            {
                Place(pin, geo[g]);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void GatherPosts()
    {
        var users = CollectionsMarshal.AsSpan(data.Users);
        var u = 0;
        foreach (var pin in CollectionsMarshal.AsSpan(data.Pins))
        {
            while (u < users.Length && users[u].Ind < pin.Ind)
            {
                u++;
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

    // Distinct people (same user_name, age and date_joined), none of the three null.
    private List<KeyValuePair<int, long>> UsersJoinedByYear()
    {
        var people = new HashSet<Person>();
        foreach (var user in CollectionsMarshal.AsSpan(data.Users))
        {
            if (Person.Of(user) is { } person)
            {
                people.Add(person);
            }
        }

        return [.. people.CountBy(person => person.Year).Select(year => KeyValuePair.Create(year.Key, (long)year.Value))];
    }

    private static List<KeyValuePair<TKey, long>> Medians<TKey>(Dictionary<TKey, List<long>> groups)
        where TKey : notnull =>
        [.. groups.Select(group => KeyValuePair.Create(group.Key, LowerMedian(group.Value)))];

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

}
