namespace Pinterest.Modular.Infrastructure.Database.Rows;

/// <summary>Table <c>analytics_results</c>: one query's table of one batch run, as JSON (columns and rows).</summary>
public sealed class AnalyticsResultRow
{
    public long RunId { get; set; }

    public string Name { get; set; } = "";

    public DateTime ComputedAt { get; set; }

    public string ResultJson { get; set; } = "";

    /// <summary>The warehouse's change counter the result was computed at (null for results kept before it existed).</summary>
    public long? WarehouseVersion { get; set; }
}
