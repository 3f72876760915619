using System.Globalization;

namespace Pinterest.Modular.Host.Dashboard;

/// <summary>The value axis of a bar chart: round tick steps (1, 2 or 5 times a power of ten) and short tick labels.</summary>
public static class ChartAxis
{
    /// <summary>
    /// Ticks from 0 to the first round value at or above <paramref name="max"/>, at most about
    /// <paramref name="targetTicks"/> steps apart; an empty or all-zero chart gets 0 and 1.
    /// </summary>
    public static IReadOnlyList<double> Ticks(double max, int targetTicks = 5)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(targetTicks, 1);
        if (!double.IsFinite(max) || max <= 0)
        {
            return [0, 1];
        }

        var step = NiceStep(max / targetTicks);
        var count = (int)Math.Ceiling(max / step - 1e-9);
        return [.. Enumerable.Range(0, count + 1).Select(i => Math.Round(i * step, 10))];
    }

    /// <summary>A short label for a tick: 950, 1.5k, 12k, 3M.</summary>
    public static string Compact(double value)
    {
        var magnitude = Math.Abs(value);
        var (scaled, suffix) = magnitude switch
        {
            >= 1e9 => (value / 1e9, "G"),
            >= 1e6 => (value / 1e6, "M"),
            >= 1e3 => (value / 1e3, "k"),
            _ => (value, string.Empty),
        };
        return scaled.ToString("0.##", CultureInfo.InvariantCulture) + suffix;
    }

    /// <summary>The full value written beside a bar: 12,000 or 2.5.</summary>
    public static string Full(double value) => value.ToString("#,0.##", CultureInfo.InvariantCulture);

    private static double NiceStep(double rough)
    {
        var power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var fraction = rough / power;
        var nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
        // Counts are whole numbers: a step below 1 would label ticks 0.2, 0.4, ...
        return Math.Max(1, nice * power);
    }
}
