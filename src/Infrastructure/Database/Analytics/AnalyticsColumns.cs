namespace Pinterest.Modular.Infrastructure.Database.Analytics;

/// <summary>A pin as the analytics read it: text as ids into <see cref="AnalyticsColumns"/>' value lists.</summary>
internal readonly record struct PinEntry(long Ind, int Category, int Poster, long? Followers);

/// <summary>A geo row as the analytics read it: the UTC year of its timestamp, or null.</summary>
internal readonly record struct GeoEntry(long Ind, int Country, int? Year);

/// <summary>
/// A user as the analytics read it: the UTC year it joined, and <see cref="Joined"/>, a key equal for equal
/// <c>date_joined</c> values (so distinct people can be told apart), or null.
/// </summary>
internal readonly record struct UserEntry(long Ind, int Name, int? Age, int? JoinYear, long? Joined);

/// <summary>
/// The columns of the three tables the nine analytics need, read once, each table sorted by <c>ind</c>, text stored
/// once per distinct value: about 100 bytes per posting event.
/// </summary>
internal sealed class AnalyticsColumns
{
    public AnalyticsColumns()
    {
    }

    /// <summary>Empty lists of rows whose text ids are <paramref name="text"/>'s (values new to it are added to it).</summary>
    public AnalyticsColumns(AnalyticsColumns text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Categories = text.Categories;
        Posters = text.Posters;
        Countries = text.Countries;
        UserNames = text.UserNames;
        JoinedTexts = text.JoinedTexts;
    }

    public List<PinEntry> Pins { get; } = [];

    public List<GeoEntry> Geo { get; } = [];

    public List<UserEntry> Users { get; } = [];

    public TextIds Categories { get; } = new();

    public TextIds Posters { get; } = new();

    public TextIds Countries { get; } = new();

    public TextIds UserNames { get; } = new();

    /// <summary><c>date_joined</c> values an engine returns as text (SQLite), for <see cref="UserEntry.Joined"/>.</summary>
    public TextIds JoinedTexts { get; } = new();

    /// <summary>
    /// Room for this many rows per table (what the last read of the whole warehouse found), so the next does not grow its
    /// lists a million rows in: each doubling copies them and touches fresh memory.
    /// </summary>
    public void Reserve(long pins, long geo, long users)
    {
        Pins.EnsureCapacity((int)Math.Min(pins, Array.MaxLength));
        Geo.EnsureCapacity((int)Math.Min(geo, Array.MaxLength));
        Users.EnsureCapacity((int)Math.Min(users, Array.MaxLength));
    }

    /// <summary>Sorts each table by <c>ind</c> when its rows came in another order, for the merge join.</summary>
    public void SortByInd()
    {
        SortByInd(Pins, pin => pin.Ind);
        SortByInd(Geo, geo => geo.Ind);
        SortByInd(Users, user => user.Ind);
    }

    // SQLite and MySQL hand rows over in key order already; PostgreSQL in heap order.
    private static void SortByInd<T>(List<T> rows, Func<T, long> ind)
    {
        for (var i = 1; i < rows.Count; i++)
        {
            if (ind(rows[i - 1]) > ind(rows[i]))
            {
                rows.Sort((a, b) => ind(a).CompareTo(ind(b)));
                return;
            }
        }
    }
}
