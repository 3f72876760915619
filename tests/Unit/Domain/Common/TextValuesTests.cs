using Pinterest.Modular.Domain.Common;

namespace Pinterest.Modular.Tests.Unit.Domain.Common;

public class TextValuesTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\t\r\n ")]
    [InlineData("\u00A0")]
    public void Clean_WhenValueIsBlank_ReturnsNull(string? value)
    {
        TextValues.Clean(value).Should().BeNull();
        TextValues.Clean(value, "placeholder").Should().BeNull();
    }

    [Theory]
    [InlineData("art")]
    [InlineData("  spaced  ")]
    [InlineData("cut here…\u00A0")]
    public void Clean_WhenValueHasText_KeepsItExactly(string value)
    {
        TextValues.Clean(value).Should().BeSameAs(value);
    }

    [Theory]
    [InlineData("Untitled")]
    [InlineData("  Untitled ")]
    [InlineData("No description available")]
    [InlineData("\u00A0No description available\t")]
    public void Clean_WhenTrimmedValueEqualsAPlaceholder_ReturnsNull(string value)
    {
        TextValues.Clean(value, "No description available", "Untitled").Should().BeNull();
    }

    [Theory]
    [InlineData("untitled")]
    [InlineData("Untitled work")]
    [InlineData("Un titled")]
    public void Clean_WhenValueOnlyResemblesAPlaceholder_KeepsIt(string value)
    {
        TextValues.Clean(value, "Untitled").Should().Be(value);
    }
}
