using System.Globalization;
using System.Text;
using System.Xml;

namespace Pinterest.Modular.Host.Dashboard;

/// <summary>
/// Writes a <see cref="BarChart"/> as a standalone SVG document: title, label column with its heading, bars with their
/// value (and note) beside them, a value axis with round ticks, grid lines and its label. Text goes through
/// <see cref="XmlWriter"/>, so data can never become markup; characters XML cannot hold are replaced.
/// Sizes are in CSS pixels at a fixed width; the page scales the drawing to its card.
/// </summary>
public static class SvgBarChartWriter
{
    public const int Width = 560;

    private const double Padding = 12;
    private const double RowHeight = 20;
    private const double BarHeight = 14;
    private const double TopOfRows = 52;

    // Text is measured by a typical sans-serif advance at 12 px; labels longer than their column are cut with an ellipsis.
    private const double CharWidth = 6.6;
    private const double MinLabelWidth = 48;
    private const double MaxLabelWidth = 170;
    private const double MaxNoteWidth = 190;

    private const string Font = "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif";
    private const string InkColor = "#1f2933";
    private const string MutedColor = "#52606d";
    private const string GridColor = "#d9e2ec";
    private const string PlainBarColor = "#4e79a7";

    // Tableau 10, which stays tellable apart for most colour-blind readers.
    private static readonly string[] Palette =
        ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"];

    public static byte[] Write(BarChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        using var buffer = new MemoryStream();
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), OmitXmlDeclaration = true };
        using (var svg = XmlWriter.Create(buffer, settings))
        {
            WriteChart(svg, chart);
        }

        return buffer.ToArray();
    }

    private static void WriteChart(XmlWriter svg, BarChart chart)
    {
        var bars = chart.Bars;
        var ticks = ChartAxis.Ticks(bars.Count == 0 ? 0 : bars.Max(b => b.Value));
        var axisMax = ticks[^1];
        var valueTexts = bars.Select(ValueText).ToList();

        var labelWidth = Math.Clamp(Longest(bars.Select(b => b.Label).Append(chart.LabelHeading)) * CharWidth + 8, MinLabelWidth, MaxLabelWidth);
        var noteWidth = Math.Clamp(Longest(valueTexts) * CharWidth + 8, 40, MaxNoteWidth);
        var plotLeft = Padding + labelWidth;
        var plotWidth = Width - Padding - noteWidth - plotLeft;
        var axisY = TopOfRows + Math.Max(bars.Count, 1) * RowHeight + 4;
        var truncated = chart.RowsInResult > bars.Count;
        var height = axisY + 44 + (truncated ? 16 : 0) + (chart.AsOf is null ? 0 : 16);

        svg.WriteStartElement("svg", "http://www.w3.org/2000/svg");
        Attr(svg, "viewBox", $"0 0 {Width} {Num(height)}");
        Attr(svg, "width", Width.ToString(CultureInfo.InvariantCulture));
        Attr(svg, "height", Num(height));
        Attr(svg, "role", "img");
        Attr(svg, "class", "bar-chart");
        Attr(svg, "data-query", chart.Title);
        Attr(svg, "data-bars", bars.Count.ToString(CultureInfo.InvariantCulture));
        if (chart.AsOf is { } asOf)
        {
            Attr(svg, "data-as-of", asOf.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        }

        Attr(svg, "font-family", Font);
        Attr(svg, "font-size", "12");
        svg.WriteElementString("title", Safe(chart.Title));
        svg.WriteElementString("desc", Safe(Description(chart)));
        Rect(svg, 0, 0, Width, height, "#ffffff", "background");

        Text(svg, Padding, 20, chart.Title, "chart-title", size: 14, weight: "600");
        Text(svg, Padding, TopOfRows - 8, chart.LabelHeading, "label-heading", size: 11, color: MutedColor);

        foreach (var tick in ticks)
        {
            var x = plotLeft + tick / axisMax * plotWidth;
            Line(svg, x, TopOfRows - 4, x, axisY, GridColor);
            Text(svg, x, axisY + 16, ChartAxis.Compact(tick), "tick", size: 11, color: MutedColor, anchor: "middle");
        }

        Line(svg, plotLeft, axisY, plotLeft + plotWidth, axisY, MutedColor);
        Text(svg, plotLeft + plotWidth / 2, axisY + 34, chart.ValueHeading, "value-heading", size: 11, color: MutedColor, anchor: "middle");

        if (bars.Count == 0)
        {
            Text(svg, plotLeft + 4, TopOfRows + 14, "No rows yet: post events, then run the batch job.", "empty", color: MutedColor);
        }

        for (var i = 0; i < bars.Count; i++)
        {
            WriteBar(svg, bars[i], valueTexts[i], TopOfRows + i * RowHeight, plotLeft, plotWidth, axisMax, labelWidth, noteWidth);
        }

        if (chart.AsOf is { } dated)
        {
            Text(svg, Padding, height - 8, string.Create(CultureInfo.InvariantCulture, $"as of {dated.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC"),
                "as-of", size: 11, color: MutedColor);
        }

        if (truncated)
        {
            Text(svg, Padding, height - 8 - (chart.AsOf is null ? 0 : 16), string.Create(CultureInfo.InvariantCulture,
                $"The {bars.Count} largest of {chart.RowsInResult} rows; GET api/analytics/{chart.Title} has them all."),
                "footnote", size: 11, color: MutedColor);
        }

        svg.WriteEndElement();
    }

    private static void WriteBar(
        XmlWriter svg, ChartBar bar, string valueText, double top, double plotLeft, double plotWidth, double axisMax, double labelWidth, double noteWidth)
    {
        var length = Math.Max(0, bar.Value) / axisMax * plotWidth;
        var baseline = top + BarHeight - 3;
        svg.WriteStartElement("g");
        Attr(svg, "class", "row");

        svg.WriteElementString("title", Safe($"{bar.Label}: {valueText}"));
        Text(svg, plotLeft - 6, baseline, Fit(bar.Label, labelWidth - 8), "label", anchor: "end");

        svg.WriteStartElement("rect");
        Attr(svg, "class", "bar");
        Attr(svg, "x", Num(plotLeft));
        Attr(svg, "y", Num(top));
        Attr(svg, "width", Num(bar.Value > 0 ? Math.Max(1, length) : 0)); // a value above zero stays visible
        Attr(svg, "height", Num(BarHeight));
        Attr(svg, "fill", ColorOf(bar));
        Attr(svg, "data-label", bar.Label);
        Attr(svg, "data-value", bar.Value.ToString("R", CultureInfo.InvariantCulture));
        svg.WriteEndElement();

        Text(svg, plotLeft + length + 4, baseline, Fit(valueText, noteWidth), "value", color: InkColor);
        svg.WriteEndElement();
    }

    private static string ValueText(ChartBar bar) =>
        string.IsNullOrEmpty(bar.Note) ? ChartAxis.Full(bar.Value) : $"{ChartAxis.Full(bar.Value)}  {bar.Note}";

    private static string Description(BarChart chart) => chart.Bars.Count == 0
        ? $"{chart.Title}: no rows."
        : string.Create(CultureInfo.InvariantCulture, $"{chart.Title}: {chart.ValueHeading} per {chart.LabelHeading}, {chart.Bars.Count} bars.");

    private static string ColorOf(ChartBar bar)
    {
        if (string.IsNullOrEmpty(bar.ColorKey))
        {
            return PlainBarColor;
        }

        // FNV-1a: a stable hash (string.GetHashCode changes per process), so a category keeps its colour across refreshes.
        var hash = 2166136261u;
        foreach (var c in bar.ColorKey)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return Palette[hash % (uint)Palette.Length];
    }

    private static double Longest(IEnumerable<string> texts) => texts.Select(t => t.Length).DefaultIfEmpty(0).Max();

    /// <summary>Cuts <paramref name="text"/> to what fits <paramref name="width"/>, with an ellipsis; the row's title keeps it whole.</summary>
    private static string Fit(string text, double width)
    {
        var chars = Math.Max(1, (int)(width / CharWidth));
        return text.Length <= chars ? text : string.Concat(text.AsSpan(0, chars - 1), "…");
    }

    /// <summary>Replaces what XML 1.0 cannot hold (control characters, lone surrogates) with U+FFFD.</summary>
    private static string Safe(string text)
    {
        StringBuilder? cleaned = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var pair = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
            if (pair || XmlConvert.IsXmlChar(c))
            {
                cleaned?.Append(c);
                if (pair)
                {
                    cleaned?.Append(text[++i]);
                }

                continue;
            }

            cleaned ??= new StringBuilder(text, 0, i, text.Length);
            cleaned.Append('\uFFFD');
        }

        return cleaned?.ToString() ?? text;
    }

    private static void Text(
        XmlWriter svg, double x, double y, string text, string cssClass, double size = 12, string? color = null, string anchor = "start", string? weight = null)
    {
        svg.WriteStartElement("text");
        Attr(svg, "class", cssClass);
        Attr(svg, "x", Num(x));
        Attr(svg, "y", Num(y));
        if (size != 12)
        {
            Attr(svg, "font-size", Num(size));
        }

        Attr(svg, "fill", color ?? InkColor);
        if (anchor != "start")
        {
            Attr(svg, "text-anchor", anchor);
        }

        if (weight is not null)
        {
            Attr(svg, "font-weight", weight);
        }

        svg.WriteString(Safe(text));
        svg.WriteEndElement();
    }

    private static void Rect(XmlWriter svg, double x, double y, double width, double height, string fill, string cssClass)
    {
        svg.WriteStartElement("rect");
        Attr(svg, "class", cssClass);
        Attr(svg, "x", Num(x));
        Attr(svg, "y", Num(y));
        Attr(svg, "width", Num(width));
        Attr(svg, "height", Num(height));
        Attr(svg, "fill", fill);
        svg.WriteEndElement();
    }

    private static void Line(XmlWriter svg, double x1, double y1, double x2, double y2, string stroke)
    {
        svg.WriteStartElement("line");
        Attr(svg, "x1", Num(x1));
        Attr(svg, "y1", Num(y1));
        Attr(svg, "x2", Num(x2));
        Attr(svg, "y2", Num(y2));
        Attr(svg, "stroke", stroke);
        Attr(svg, "stroke-width", "1");
        svg.WriteEndElement();
    }

    private static void Attr(XmlWriter svg, string name, string value) => svg.WriteAttributeString(name, Safe(value));

    private static string Num(double value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);
}
