using System.Runtime.InteropServices;
using Pinterest.Modular.Application.Analytics;

namespace Pinterest.Modular.Infrastructure.Database.Analytics;

/// <summary>
/// The nine analytics' <see cref="Tallies"/> kept up to date row by row: every posting event's pin, geo and user row
/// by <c>ind</c>, and what each event adds to the counts, the multisets of follower counts (for maxima and lower
/// medians) and the distinct people. Replacing an event's rows takes its old contribution out and puts the new one in,
/// so a refresh costs what changed; the answers are <see cref="NineAnalytics"/>' exactly (a property test holds it to them).
/// </summary>
/// <remarks>About 200 bytes per posting event held (three dictionaries by ind, the follower multisets): serve's RSS went
/// from 314 MB to 517 MB at 1,000,000 events.</remarks>
internal sealed class MaintainedNine
{
    private readonly AnalyticsColumns text;
    private readonly Dictionary<long, PinEntry> pins;
    private readonly Dictionary<long, GeoEntry> geo;
    private readonly Dictionary<long, UserEntry> users;
    private readonly Dictionary<(int Country, int Category), long> categoriesByCountry = [];
    private readonly Dictionary<(int Year, int Category), long> categoriesByPostYear = [];
    private readonly Dictionary<(int Country, int Poster), SortedValues> followersByCountryAndPoster = [];
    private readonly Dictionary<(int AgeGroup, int Category), long> categoriesByAgeGroup = [];
    private readonly Dictionary<int, SortedValues> followersByAgeGroup = [];
    private readonly Dictionary<int, SortedValues> followersByJoinYear = [];
    private readonly Dictionary<(int AgeGroup, int Year), SortedValues> followersByAgeGroupAndJoinYear = [];
    private readonly Dictionary<Person, int> people = [];
    private readonly Dictionary<int, long> peopleByJoinYear = [];
    private bool filling = true;

    private MaintainedNine(AnalyticsColumns columns)
    {
        text = columns;
        pins = new Dictionary<long, PinEntry>(columns.Pins.Count);
        geo = new Dictionary<long, GeoEntry>(columns.Geo.Count);
        users = new Dictionary<long, UserEntry>(columns.Users.Count);
    }

    /// <summary>The value lists the held rows' text ids point into; rows read later must be read into them too.</summary>
    public AnalyticsColumns Text => text;

    public long Pins => pins.Count;

    public long Geo => geo.Count;

    public long Users => users.Count;

    /// <summary>The tallies of every row read (the column lists are emptied: the dictionaries hold the rows now).</summary>
    public static MaintainedNine Build(AnalyticsColumns columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var nine = new MaintainedNine(columns);
        foreach (var pin in CollectionsMarshal.AsSpan(columns.Pins))
        {
            nine.pins[pin.Ind] = pin;
        }

        foreach (var row in CollectionsMarshal.AsSpan(columns.Geo))
        {
            nine.geo[row.Ind] = row;
        }

        foreach (var user in CollectionsMarshal.AsSpan(columns.Users))
        {
            nine.users[user.Ind] = user;
        }

        columns.Pins.Clear();
        columns.Pins.TrimExcess();
        columns.Geo.Clear();
        columns.Geo.TrimExcess();
        columns.Users.Clear();
        columns.Users.TrimExcess();

        foreach (var ind in nine.pins.Keys)
        {
            nine.Contribute(ind, +1);
        }

        foreach (var (ind, user) in nine.users)
        {
            if (!nine.pins.ContainsKey(ind))
            {
                nine.CountPerson(user, +1);
            }
        }

        nine.Seal();
        return nine;
    }

    /// <summary>Sets one posting event's rows as they are stored now (null: no such row).</summary>
    public void Replace(long ind, PinEntry? pin, GeoEntry? geoRow, UserEntry? user)
    {
        Contribute(ind, -1);
        Set(pins, ind, pin);
        Set(geo, ind, geoRow);
        Set(users, ind, user);
        Contribute(ind, +1);
    }

    /// <summary>All nine, in <see cref="AnalyticsQuery.All"/> order.</summary>
    public IReadOnlyList<AnalyticsResult> Results() => NineResults.All(
        text,
        new Tallies(
            categoriesByCountry,
            categoriesByPostYear,
            followersByCountryAndPoster.ToDictionary(pair => pair.Key, pair => pair.Value.Highest),
            categoriesByAgeGroup,
            LowerMedians(followersByAgeGroup),
            peopleByJoinYear,
            LowerMedians(followersByJoinYear),
            LowerMedians(followersByAgeGroupAndJoinYear)));

    private static void Set<T>(Dictionary<long, T> rows, long ind, T? row)
        where T : struct
    {
        if (row is { } value)
        {
            rows[ind] = value;
        }
        else
        {
            rows.Remove(ind);
        }
    }

    private static IEnumerable<KeyValuePair<TKey, long>> LowerMedians<TKey>(Dictionary<TKey, SortedValues> groups)
        where TKey : notnull =>
        groups.Select(group => KeyValuePair.Create(group.Key, group.Value.LowerMedian));

    private static void Count<TKey>(Dictionary<TKey, long> counts, TKey key, int sign)
        where TKey : notnull
    {
        ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(counts, key, out _);
        count += sign;
        if (count == 0)
        {
            counts.Remove(key);
        }
    }

    // What one posting event adds (sign +1) or takes away (-1): the same rules as NineAnalytics' Place and Post.
    private void Contribute(long ind, int sign)
    {
        var hasPin = pins.TryGetValue(ind, out var pin);
        if (users.TryGetValue(ind, out var user))
        {
            CountPerson(user, sign);
            if (hasPin)
            {
                Post(pin, user, sign);
            }
        }

        if (hasPin && geo.TryGetValue(ind, out var place))
        {
            Place(pin, place, sign);
        }
    }

    // Queries 1 to 3: a pin with its geo row.
    private void Place(PinEntry pin, GeoEntry place, int sign)
    {
        if (pin.Category != TextIds.Null)
        {
            if (place.Country != TextIds.Null)
            {
                Count(categoriesByCountry, (place.Country, pin.Category), sign);
            }

            if (place.Year is { } year && AnalyticsRules.PostYears.Contains(year))
            {
                Count(categoriesByPostYear, (year, pin.Category), sign);
            }
        }

        if (place.Country != TextIds.Null && pin.Poster != TextIds.Null && pin.Followers is { } followers)
        {
            Follow(followersByCountryAndPoster, (place.Country, pin.Poster), followers, sign);
        }
    }

    // Queries 5, 6, 8 and 9: a pin with its user row.
    private void Post(PinEntry pin, UserEntry user, int sign)
    {
        var ageGroup = user.Age is { } age ? AnalyticsRules.AgeGroupOf(age) : -1;
        if (ageGroup >= 0 && pin.Category != TextIds.Null)
        {
            Count(categoriesByAgeGroup, (ageGroup, pin.Category), sign);
        }

        if (pin.Followers is not { } followers)
        {
            return;
        }

        if (ageGroup >= 0)
        {
            Follow(followersByAgeGroup, ageGroup, followers, sign);
        }

        if (user.JoinYear is { } year && AnalyticsRules.JoinYears.Contains(year))
        {
            Follow(followersByJoinYear, year, followers, sign);
            if (ageGroup >= 0)
            {
                Follow(followersByAgeGroupAndJoinYear, (ageGroup, year), followers, sign);
            }
        }
    }

    // Query 7: a person counts in its join year while at least one user row names it.
    private void CountPerson(UserEntry user, int sign)
    {
        if (Person.Of(user) is not { } person)
        {
            return;
        }

        ref var rows = ref CollectionsMarshal.GetValueRefOrAddDefault(people, person, out _);
        rows += sign;
        if (rows == 0)
        {
            people.Remove(person);
            Count(peopleByJoinYear, person.Year, -1);
        }
        else if (rows == 1 && sign > 0)
        {
            Count(peopleByJoinYear, person.Year, +1);
        }
    }

    private void Follow<TKey>(Dictionary<TKey, SortedValues> groups, TKey key, long followers, int sign)
        where TKey : notnull
    {
        if (sign > 0)
        {
            ref var values = ref CollectionsMarshal.GetValueRefOrAddDefault(groups, key, out _);
            values ??= new SortedValues(filling);
            if (filling)
            {
                values.Append(followers);
            }
            else
            {
                values.Add(followers);
            }

            return;
        }

        var held = groups[key];
        held.Remove(followers);
        if (held.Count == 0)
        {
            groups.Remove(key);
        }
    }

    private void Seal()
    {
        foreach (var values in followersByCountryAndPoster.Values.Concat(followersByAgeGroup.Values)
                     .Concat(followersByJoinYear.Values).Concat(followersByAgeGroupAndJoinYear.Values))
        {
            values.Seal();
        }

        filling = false;
    }
}
