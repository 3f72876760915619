using Pinterest.Modular.Application.Analytics;
using Pinterest.Modular.Host.Cli;

namespace Pinterest.Modular.Tests.Unit.Host.Cli;

/// <summary><c>query --format csv</c> and formula injection (issue 17, OWASP "CSV Injection").</summary>
public class ResultWriterCsvTests
{
    private static string Csv(params object?[] values)
    {
        var result = new AnalyticsResult("top_poster_by_country", [.. values.Select((_, i) => $"c{i}")], [values]);
        using var output = new StringWriter();
        ResultWriter.Write(output, [result], ResultFormat.Csv);
        return output.ToString().Split(Environment.NewLine)[1];
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("+1+1", "'+1+1")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("\rcmd", "\"'\rcmd\"")]
    public void Csv_WhenATextValueStartsLikeAFormula_PrefixesAQuote(string value, string written) =>
        Csv(value).Should().Be(written);

    [Theory]
    [InlineData("Armenia", "Armenia")]
    [InlineData("a=b", "a=b")]
    [InlineData("", "")]
    public void Csv_WhenATextValueDoesNotStartLikeAFormula_WritesItAsItIs(string value, string written) =>
        Csv(value).Should().Be(written);

    [Fact]
    public void Csv_WhenAValueIsANegativeNumber_WritesItAsANumber() =>
        Csv(-5L, -0.5).Should().Be("-5,-0.5");
}
