namespace Pinterest.Modular.Infrastructure.Database;

/// <summary>
/// One analytics query as SQL, with an optional window of years: <c>@window_start</c> (inclusive) and
/// <c>@window_end</c> (exclusive) bound as UTC timestamps, so an index on the timestamp can serve the filter.
/// </summary>
internal sealed record AnalyticsStatement(string Sql, YearWindow? Window = null);

/// <summary>Calendar years <paramref name="First"/> to <paramref name="Last"/>, both included, in UTC.</summary>
internal sealed record YearWindow(int First, int Last)
{
    public DateTime Start => new(First, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public DateTime End => new(Last + 1, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public bool Contains(int year) => year >= First && year <= Last;
}
