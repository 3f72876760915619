using Pinterest.Modular.Application.Persistence;
using Pinterest.Modular.Domain.Common;
using Pinterest.Modular.Domain.Geo;
using Pinterest.Modular.Domain.Pins;
using Pinterest.Modular.Domain.Users;

namespace Pinterest.Modular.Tests.Integration.Database;

/// <summary>Short builders for hand-made warehouse rows.</summary>
internal static class TestRows
{
    public static Pin Pin(long ind, string? category = "art", string? poster = "poster", long? followers = 100) =>
        new(ind, $"uid-{ind}", $"title {ind}", "description", followers, poster, "a,b", "image",
            "https://i.pinimg.com/originals/aa/bb/cc/0123456789abcdef0123456789abcdef.jpg", $"/data/{category}", category);

    public static GeoLocation Geo(long ind, string? country, DateTime? timestamp = null) =>
        new(ind, country, new Coordinates(10.5, -20.25), timestamp ?? Utc(2020, 6, 1));

    public static User User(long ind, string? name = null, int? age = 30, DateTime? joined = null) =>
        new(ind, name ?? $"person {ind}", age, joined ?? Utc(2016, 3, 1));

    public static RejectedRecord Rejected(string source, RecordKind? kind = null, DateTimeOffset? at = null) =>
        new(kind ?? RecordKind.Pin, source, "unparsable", "{\"index\":\"x\"}", at ?? new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public static DateTime Utc(int year, int month = 1, int day = 1, int hour = 0, int minute = 0, int second = 0) =>
        new(year, month, day, hour, minute, second, DateTimeKind.Utc);

    public static CleanedBatch Batch(
        IReadOnlyList<Pin>? pins = null,
        IReadOnlyList<GeoLocation>? geos = null,
        IReadOnlyList<User>? users = null,
        IReadOnlyList<RejectedRecord>? rejected = null) =>
        new(pins ?? [], geos ?? [], users ?? [], rejected ?? []);

    public static async Task SeedAsync(
        this ServerWarehouse warehouse,
        IReadOnlyList<Pin>? pins = null,
        IReadOnlyList<GeoLocation>? geos = null,
        IReadOnlyList<User>? users = null) =>
        await warehouse.PersistAsync(Batch(pins, geos, users));
}
