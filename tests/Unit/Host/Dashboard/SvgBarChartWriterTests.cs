using System.Globalization;
using System.Text;
using System.Xml.Linq;
using Pinterest.Modular.Host.Dashboard;

namespace Pinterest.Modular.Tests.Unit.Host.Dashboard;

public sealed class SvgBarChartWriterTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void Write_IsAnSvgDocumentTitledWithTheQueryName()
    {
        var svg = Draw(Chart(new ChartBar("Chad", 2, "travel")));

        svg.Root!.Name.Should().Be(Svg + "svg");
        svg.Root.Attribute("viewBox")!.Value.Should().StartWith($"0 0 {SvgBarChartWriter.Width} ");
        svg.Root.Attribute("data-query")!.Value.Should().Be("top_category_by_country");
        svg.Root.Element(Svg + "title")!.Value.Should().Be("top_category_by_country");
        TextOf(svg, "chart-title").Should().Equal("top_category_by_country");
    }

    [Fact]
    public void Write_DrawsOneBarPerRowWithLengthsInProportionToTheValues()
    {
        var svg = Draw(Chart(new ChartBar("Chad", 10, "travel"), new ChartBar("Peru", 5, "art"), new ChartBar("Oman", 0, "art")));

        var widths = Bars(svg).Select(b => double.Parse(b.Attribute("width")!.Value, CultureInfo.InvariantCulture)).ToList();
        widths.Should().HaveCount(3);
        widths[0].Should().BeApproximately(2 * widths[1], 0.2);
        widths[2].Should().Be(0);
        Bars(svg).Select(b => b.Attribute("data-label")!.Value).Should().Equal("Chad", "Peru", "Oman");
        Bars(svg).Select(b => b.Attribute("data-value")!.Value).Should().Equal("10", "5", "0");
    }

    [Fact]
    public void Write_LabelsBothAxesAndWritesEachValueWithItsNote()
    {
        var svg = Draw(Chart(new ChartBar("Chad", 12_000, "travel")));

        TextOf(svg, "label-heading").Should().Equal("country");
        TextOf(svg, "value-heading").Should().Equal("category_count");
        TextOf(svg, "tick").Should().Equal("0", "5k", "10k", "15k");
        TextOf(svg, "label").Should().Equal("Chad");
        TextOf(svg, "value").Should().Equal("12,000  travel");
    }

    [Fact]
    public void Write_KeepsMarkupInTheDataAsText()
    {
        const string hostile = "<script>alert(1)</script> & \"co\" <b>";
        var bytes = SvgBarChartWriter.Write(Chart(new ChartBar(hostile, 1, "</text><script>x</script>")));

        var svg = XDocument.Parse(Encoding.UTF8.GetString(bytes));
        svg.Descendants().Should().NotContain(e => e.Name.LocalName == "script" || e.Name.LocalName == "b");
        Bars(svg).Single().Attribute("data-label")!.Value.Should().Be(hostile);
        Encoding.UTF8.GetString(bytes).Should().Contain("&lt;script&gt;alert(1)&lt;/script&gt; &amp;");
    }

    [Fact]
    public void Write_ReplacesCharactersXmlCannotHoldAndKeepsSurrogatePairs()
    {
        var svg = Draw(Chart(new ChartBar("a\u0001b\uD800c 📌", 1)));

        Bars(svg).Single().Attribute("data-label")!.Value.Should().Be("a\uFFFDb\uFFFDc 📌");
    }

    [Fact]
    public void Write_CutsALongLabelWithAnEllipsisAndKeepsItWholeInTheRowsTitle()
    {
        var name = "Lao People's Democratic Republic of the Long Names";
        var svg = Draw(Chart(new ChartBar(name, 3)));

        var label = TextOf(svg, "label").Single();
        label.Should().EndWith("…");
        label.Length.Should().BeLessThan(name.Length);
        name.Should().StartWith(label.TrimEnd('…'));
        svg.Descendants(Svg + "g").Single().Element(Svg + "title")!.Value.Should().Be($"{name}: 3");
    }

    [Fact]
    public void Write_OfAnEmptyResult_SaysSoAndDrawsNoBars()
    {
        var svg = Draw(Chart());

        Bars(svg).Should().BeEmpty();
        TextOf(svg, "empty").Single().Should().Contain("No rows yet");
        svg.Root!.Attribute("data-bars")!.Value.Should().Be("0");
    }

    [Fact]
    public void Write_WhenTheResultHadMoreRows_SaysHowManyAreShown()
    {
        var chart = Chart(new ChartBar("Chad", 2)) with { RowsInResult = 198 };

        TextOf(Draw(chart), "footnote").Single().Should().StartWith("The 1 largest of 198 rows");
    }

    [Fact]
    public void Write_GivesOneColourKeyOneColourAndPlainBarsOneColour()
    {
        var svg = Draw(Chart(
            new ChartBar("Chad", 2, "travel", "travel"), new ChartBar("Peru", 3, "art", "art"), new ChartBar("Oman", 4, "travel", "travel"),
            new ChartBar("Fiji", 1), new ChartBar("Mali", 1)));

        var fills = Bars(svg).Select(b => b.Attribute("fill")!.Value).ToList();
        fills[0].Should().Be(fills[2]);
        fills[0].Should().NotBe(fills[1]);
        fills[3].Should().Be(fills[4]);
        var again = Draw(Chart(new ChartBar("Togo", 9, "travel", "travel")));
        Bars(again).Single().Attribute("fill")!.Value.Should().Be(fills[0], "a category keeps its colour from chart to chart");
    }

    private static BarChart Chart(params ChartBar[] bars) =>
        new("top_category_by_country", "country", "category_count", bars, bars.Length);

    private static XDocument Draw(BarChart chart) => XDocument.Parse(Encoding.UTF8.GetString(SvgBarChartWriter.Write(chart)));

    private static IEnumerable<XElement> Bars(XDocument svg) =>
        svg.Descendants(Svg + "rect").Where(r => (string?)r.Attribute("class") == "bar");

    private static List<string> TextOf(XDocument svg, string cssClass) =>
        [.. svg.Descendants(Svg + "text").Where(t => (string?)t.Attribute("class") == cssClass).Select(t => t.Value)];
}
