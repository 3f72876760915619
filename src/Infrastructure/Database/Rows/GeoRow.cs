namespace Pinterest.Modular.Infrastructure.Database.Rows;

/// <summary>Table <c>geo</c>: coordinates split in two columns (both null or both set), timestamp in UTC.</summary>
public sealed class GeoRow
{
    public long Ind { get; set; }

    public string? Country { get; set; }

    public double? Latitude { get; set; }

    public double? Longitude { get; set; }

    public DateTime? Timestamp { get; set; }
}
