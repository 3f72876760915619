namespace Pinterest.Modular.Infrastructure.Source;

/// <summary>
/// Synthetic source rows with the shape of the real Pinterest data set (spec §1), so the pipeline can be run
/// without the original RDS. Deterministic: the same row count and seed give identical rows.
/// </summary>
public static class SyntheticSourceData
{
    /// <summary>The size of the real tables; the original emulator picked offsets 0..11000 from them.</summary>
    public const int DefaultRows = 11_153;

    public static IReadOnlyList<string> Categories { get; } =
    [
        "art", "beauty", "christmas", "diy-and-crafts", "education", "event-planning", "finance",
        "home-decor", "mens-fashion", "quotes", "tattoos", "travel", "vehicles",
    ];

    /// <summary>
    /// <paramref name="rows"/> posting events; the event at position N has key N in all three tables. Rows are made
    /// as they are enumerated, so a large set streams into storage without being held in memory.
    /// </summary>
    public static IEnumerable<SyntheticPostingEvent> Generate(int rows, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        return Enumerate(rows, seed);
    }

    private static IEnumerable<SyntheticPostingEvent> Enumerate(int rows, int seed)
    {
        var factory = new SyntheticEventFactory(seed, rows);
        for (var key = 0; key < rows; key++)
        {
            yield return factory.Create(key);
        }
    }
}
