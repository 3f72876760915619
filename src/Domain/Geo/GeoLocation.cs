namespace Pinterest.Modular.Domain.Geo;

/// <summary><c>[latitude, longitude]</c>, latitude first.</summary>
public readonly record struct Coordinates(double Latitude, double Longitude);

/// <summary>A cleaned geolocation row: <c>ind, country, coordinates, timestamp</c> (timestamp in UTC).</summary>
public sealed record GeoLocation(long Ind, string? Country, Coordinates? Coordinates, DateTime? Timestamp)
{
    public static IReadOnlyList<string> Columns { get; } = ["ind", "country", "coordinates", "timestamp"];
}
