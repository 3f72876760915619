namespace Pinterest.Modular.Host.Cli.Bench;

/// <summary>Percentiles of a set of latencies in milliseconds (nearest rank).</summary>
public static class Latencies
{
    public static double Percentile(IReadOnlyCollection<double> values, double p)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return 0;
        }

        var sorted = values.Order().ToArray();
        return sorted[(int)Math.Min(sorted.Length - 1, Math.Max(0, Math.Ceiling(p * sorted.Length) - 1))];
    }
}
