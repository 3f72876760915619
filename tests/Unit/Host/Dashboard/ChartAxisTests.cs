using Pinterest.Modular.Host.Dashboard;

namespace Pinterest.Modular.Tests.Unit.Host.Dashboard;

public sealed class ChartAxisTests
{
    [Theory]
    [InlineData(3, new double[] { 0, 1, 2, 3 })]
    [InlineData(10, new double[] { 0, 2, 4, 6, 8, 10 })]
    [InlineData(12_000, new double[] { 0, 5_000, 10_000, 15_000 })]
    [InlineData(27_000_000, new double[] { 0, 10_000_000, 20_000_000, 30_000_000 })]
    [InlineData(1, new double[] { 0, 1 })]
    public void Ticks_RunFromZeroToTheFirstRoundValueAtOrAboveTheMaximum(double max, double[] expected)
    {
        ChartAxis.Ticks(max).Should().Equal(expected);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(double.NaN)]
    public void Ticks_WhenNothingIsAboveZero_AreZeroAndOne(double max)
    {
        ChartAxis.Ticks(max).Should().Equal(0, 1);
    }

    [Fact]
    public void Ticks_OfSmallCounts_NeverStepBelowOne()
    {
        ChartAxis.Ticks(2).Should().Equal(0, 1, 2);
    }

    [Theory]
    [InlineData(0, "0")]
    [InlineData(950, "950")]
    [InlineData(1_500, "1.5k")]
    [InlineData(12_000, "12k")]
    [InlineData(3_000_000, "3M")]
    [InlineData(2_500_000_000, "2.5G")]
    public void Compact_ShortensThousandsAndMillions(double value, string expected)
    {
        ChartAxis.Compact(value).Should().Be(expected);
    }

    [Theory]
    [InlineData(12_000, "12,000")]
    [InlineData(2.5, "2.5")]
    public void Full_GroupsThousandsWithCommas(double value, string expected)
    {
        ChartAxis.Full(value).Should().Be(expected);
    }
}
