using System.Globalization;
using Pinterest.Modular.Application.Analytics;

namespace Pinterest.Modular.Host.Dashboard;

/// <summary>
/// Turns an analytics result into a bar chart: which columns name the bar, which one is measured and which one is the
/// note beside it, per query of spec §5. Results with more rows than fit a card (per-country queries) show their
/// largest values.
/// </summary>
public static class AnalyticsChart
{
    public const int MaxBars = 15;

    private static readonly Dictionary<string, Layout> Layouts = new(StringComparer.Ordinal)
    {
        [AnalyticsQuery.TopCategoryByCountry] = new(["country"], "category_count", Note: "category"),
        [AnalyticsQuery.TopCategoryByYear] = new(["post_year"], "category_count", Note: "category"),
        [AnalyticsQuery.TopPosterByCountry] = new(["country"], "follower_count", Note: "poster_name"),
        [AnalyticsQuery.TopCountryByFollowers] = new(["country"], "follower_count"),
        [AnalyticsQuery.TopCategoryByAgeGroup] = new(["age_group"], "category_count", Note: "category"),
        [AnalyticsQuery.MedianFollowersByAgeGroup] = new(["age_group"], "median_follower_count"),
        [AnalyticsQuery.UsersJoinedByYear] = new(["post_year"], "number_users_joined"),
        [AnalyticsQuery.MedianFollowersByJoinYear] = new(["post_year"], "median_follower_count"),
        [AnalyticsQuery.MedianFollowersByJoinYearAndAgeGroup] = new(["age_group", "post_year"], "median_follower_count", Color: "age_group"),
    };

    /// <summary>One query of a served snapshot, dated by its as-of.</summary>
    public static BarChart From(AnalyticsSnapshot snapshot, string name)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return From(snapshot.Result(name)) with { AsOf = snapshot.AsOf };
    }

    public static BarChart From(AnalyticsResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Columns.Count == 0)
        {
            return new BarChart(result.Name, string.Empty, string.Empty, [], result.Rows.Count);
        }

        var layout = LayoutOf(result);
        var labels = layout.Labels.Select(c => ColumnIndex(result, c)).ToArray();
        var value = ColumnIndex(result, layout.Value);
        var note = layout.Note is null ? -1 : ColumnIndex(result, layout.Note);
        var color = layout.Color is null ? note : ColumnIndex(result, layout.Color);

        var bars = result.Rows.Select(row => new ChartBar(
                string.Join(" · ", labels.Select(i => Text(row[i]))),
                Number(row[value]),
                note < 0 ? null : Text(row[note]),
                color < 0 ? null : Text(row[color])))
            .ToList();
        if (bars.Count > MaxBars)
        {
            // OrderByDescending is stable: equal values keep the result's own order (alphabetical by group).
            bars = [.. bars.OrderByDescending(b => b.Value).Take(MaxBars)];
        }

        return new BarChart(result.Name, string.Join(" · ", layout.Labels), layout.Value, bars, result.Rows.Count);
    }

    /// <summary>A query without a layout (added after this one) still charts: its last column against the others.</summary>
    private static Layout LayoutOf(AnalyticsResult result) =>
        Layouts.TryGetValue(result.Name, out var layout) && layout.Columns.All(result.Columns.Contains)
            ? layout
            : new Layout([.. result.Columns.SkipLast(1)], result.Columns[^1]);

    private static int ColumnIndex(AnalyticsResult result, string column)
    {
        for (var i = 0; i < result.Columns.Count; i++)
        {
            if (string.Equals(result.Columns[i], column, StringComparison.Ordinal))
            {
                return i;
            }
        }

        throw new InvalidOperationException($"The result of {result.Name} has no column {column}.");
    }

    private static string Text(object? value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;

    private static double Number(object? value) => value switch
    {
        null => 0,
        long l => l,
        int i => i,
        double d => d,
        decimal m => (double)m,
        string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => 0,
    };

    private sealed record Layout(IReadOnlyList<string> Labels, string Value, string? Note = null, string? Color = null)
    {
        public IEnumerable<string> Columns => Labels.Append(Value).Concat(new[] { Note, Color }.OfType<string>());
    }
}
