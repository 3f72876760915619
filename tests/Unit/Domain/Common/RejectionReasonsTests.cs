using Pinterest.Modular.Domain.Common;

namespace Pinterest.Modular.Tests.Unit.Domain.Common;

public class RejectionReasonsTests
{
    [Fact]
    public void Quote_WhenValueIsShort_QuotesItWhole()
    {
        RejectionReasons.Quote("abc").Should().Be("'abc'");
    }

    [Fact]
    public void Quote_WhenValueIsLongerThanLimit_CutsItWithEllipsis()
    {
        var value = new string('x', 61);

        RejectionReasons.Quote(value).Should().Be("'" + new string('x', 60) + "…'");
    }

    [Fact]
    public void Quote_WhenValueIsExactlyTheLimit_KeepsItWhole()
    {
        var value = new string('x', 60);

        RejectionReasons.Quote(value).Should().Be("'" + value + "'");
    }
}
