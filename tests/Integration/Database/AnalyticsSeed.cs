using Pinterest.Modular.Domain.Pins;
using Pinterest.Modular.Domain.Users;

namespace Pinterest.Modular.Tests.Integration.Database;

/// <summary>Hand-made posting events for the analytics tests; each event gets the next <c>ind</c>.</summary>
internal static class AnalyticsSeed
{
    /// <summary>A pin joined to a geo row.</summary>
    public sealed record Placed(string? Country, string? Category = "art", string? Poster = "poster", long? Followers = 1, DateTime? At = null);

    /// <summary>A pin joined to a user row.</summary>
    public sealed record Posted(int? Age, string? Category = "art", long? Followers = 1, DateTime? Joined = null);

    public static Task SeedAsync(this ServerWarehouse warehouse, params Placed[] events) =>
        warehouse.SeedAsync(
            pins: events.Select((e, ind) => TestRows.Pin(ind, e.Category, e.Poster, e.Followers)).ToList(),
            geos: events.Select((e, ind) => TestRows.Geo(ind, e.Country, e.At) with { Timestamp = e.At ?? TestRows.Utc(2020, 6, 1) }).ToList());

    public static Task SeedAsync(this ServerWarehouse warehouse, params Posted[] events) =>
        warehouse.SeedAsync(
            pins: events.Select((e, ind) => TestRows.Pin(ind, e.Category, followers: e.Followers)).ToList(),
            users: events.Select((e, ind) => new User(ind, $"person {ind}", e.Age, e.Joined ?? TestRows.Utc(2016, 3, 1))).ToList());

    /// <summary>Pins with no geo or user row: the joins must leave them out.</summary>
    public static Task SeedUnjoinedPinsAsync(this ServerWarehouse warehouse, long firstInd, int count, string category) =>
        warehouse.SeedAsync(pins: Enumerable.Range(0, count).Select(i => TestRows.Pin(firstInd + i, category)).ToList<Pin>());
}
