namespace Pinterest.Modular.Infrastructure.Source;

/// <summary>A row of <c>geolocation_data</c>, columns in table order; the timestamp is UTC.</summary>
public sealed record SourceGeoRow(long Ind, DateTime Timestamp, double Latitude, double Longitude, string Country);
