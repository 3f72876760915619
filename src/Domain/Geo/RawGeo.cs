namespace Pinterest.Modular.Domain.Geo;

/// <summary>A geolocation row as it arrives; each field is the text of its wire value, or null.</summary>
public sealed record RawGeo(string? Ind, string? Timestamp, string? Latitude, string? Longitude, string? Country);
