namespace Pinterest.Modular.Host.Dashboard;

/// <summary>
/// A horizontal bar chart: one bar per shown row. <paramref name="RowsInResult"/> is how many rows the result had,
/// so the chart can say when it shows only the largest of them; <paramref name="AsOf"/>, when known, when the data was read.
/// </summary>
public sealed record BarChart(
    string Title, string LabelHeading, string ValueHeading, IReadOnlyList<ChartBar> Bars, int RowsInResult, DateTimeOffset? AsOf = null);

/// <summary>
/// One bar: its label (the group), its value, an optional note written after the value (the winning category or
/// poster), and the key its colour follows, so one category has one colour in every chart.
/// </summary>
public sealed record ChartBar(string Label, double Value, string? Note = null, string? ColorKey = null);
