using System.Text;
using Pinterest.Modular.Application.Landing;

namespace Pinterest.Modular.Tests.Unit.Application.Landing;

public class LandingLinesTests
{
    private static string[] Lines(string content)
    {
        var bytes = Encoding.UTF8.GetBytes(content);
        return [.. LandingLines.Split(bytes).Select(r => Encoding.UTF8.GetString(bytes.AsSpan(r)))];
    }

    [Theory]
    [InlineData("{\"a\":1}", new[] { "{\"a\":1}" })]
    [InlineData("{\"a\":1}\n{\"a\":2}", new[] { "{\"a\":1}", "{\"a\":2}" })]
    [InlineData("{\"a\":1}\n{\"a\":2}\n", new[] { "{\"a\":1}", "{\"a\":2}" })]
    [InlineData("{\"a\":1}\r\n{\"a\":2}\r\n", new[] { "{\"a\":1}", "{\"a\":2}" })]
    [InlineData("{\"a\":1}\n\n\r\n  \t\n{\"a\":2}", new[] { "{\"a\":1}", "{\"a\":2}" })]
    [InlineData("{\"a\":1}  \t\r\n", new[] { "{\"a\":1}" })]
    [InlineData("\n\n{\"a\":1}", new[] { "{\"a\":1}" })]
    [InlineData("{\"a\":\"x y\"}", new[] { "{\"a\":\"x y\"}" })]
    [InlineData("{\"a\":\"é…\"}\n", new[] { "{\"a\":\"é…\"}" })]
    public void Split_GivesTheNonBlankLinesWithoutTheirLineEnds(string content, string[] expected) =>
        Lines(content).Should().Equal(expected);

    [Theory]
    [InlineData("")]
    [InlineData("\n")]
    [InlineData("\r\n\r\n")]
    [InlineData(" \t \n ")]
    public void Split_WhenContentIsBlank_GivesNoLines(string content) =>
        Lines(content).Should().BeEmpty();
}
