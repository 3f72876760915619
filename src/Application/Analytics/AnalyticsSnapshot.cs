namespace Pinterest.Modular.Application.Analytics;

/// <summary>
/// The nine results computed together, labelled with the warehouse's change counter read just before computing
/// (<see cref="WarehouseVersion"/>) and the time of that read (<see cref="AsOf"/>): every change committed before
/// <see cref="AsOf"/> is in them.
/// </summary>
public sealed record AnalyticsSnapshot(long WarehouseVersion, DateTimeOffset AsOf, IReadOnlyList<AnalyticsResult> Results)
{
    /// <summary>One query's result; the name must be one of <see cref="AnalyticsQuery.All"/>.</summary>
    public AnalyticsResult Result(string name) =>
        Results.FirstOrDefault(result => result.Name == name) ?? throw new ArgumentException($"no result named '{name}' in the snapshot", nameof(name));

    /// <summary>A validator for HTTP caches: the same tag means the same snapshot, on this host or another.</summary>
    public string Tag => $"\"{WarehouseVersion}-{AsOf.ToUnixTimeMilliseconds()}\"";
}
