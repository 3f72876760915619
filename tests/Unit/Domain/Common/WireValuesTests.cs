using System.Globalization;
using Pinterest.Modular.Domain.Common;

namespace Pinterest.Modular.Tests.Unit.Domain.Common;

public class WireValuesTests
{
    [Theory]
    [InlineData("123", 123)]
    [InlineData(" 123 ", 123)]
    [InlineData("-5", -5)]
    [InlineData("+7", 7)]
    [InlineData("0", 0)]
    [InlineData("007", 7)]
    [InlineData("123.0", 123)]
    [InlineData("123.000", 123)]
    [InlineData("-4.0", -4)]
    [InlineData("9223372036854775807", long.MaxValue)]
    [InlineData("-9223372036854775808", long.MinValue)]
    public void TryParseInt64_WhenTextIsAnInteger_ReturnsIt(string text, long expected)
    {
        WireValues.TryParseInt64(text, out var value).Should().BeTrue();
        value.Should().Be(expected);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("12a")]
    [InlineData("1.5")]
    [InlineData("1.05")]
    [InlineData("123.")]
    [InlineData(".0")]
    [InlineData("-.0")]
    [InlineData("1e3")]
    [InlineData("1,000")]
    [InlineData("1 000")]
    [InlineData("0x10")]
    [InlineData("9223372036854775808")]
    [InlineData("9223372036854775808.0")]
    [InlineData("NaN")]
    [InlineData("true")]
    public void TryParseInt64_WhenTextIsNotAnInteger_Fails(string? text)
    {
        WireValues.TryParseInt64(text, out _).Should().BeFalse();
    }

    [Theory]
    [InlineData("-34.5", -34.5)]
    [InlineData("1e-3", 0.001)]
    [InlineData("1E3", 1000)]
    [InlineData(" 12 ", 12)]
    [InlineData("-180", -180)]
    [InlineData("89.999999", 89.999999)]
    [InlineData("+0.5", 0.5)]
    public void TryParseDouble_WhenTextIsANumber_ReturnsIt(string text, double expected)
    {
        WireValues.TryParseDouble(text, out var value).Should().BeTrue();
        value.Should().Be(expected);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("12.5.1")]
    [InlineData("1,5")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("∞")]
    [InlineData("1e400")]
    [InlineData("0x1A")]
    public void TryParseDouble_WhenTextIsNotAFiniteNumber_Fails(string? text)
    {
        WireValues.TryParseDouble(text, out _).Should().BeFalse();
    }

    [Theory]
    [InlineData("2020-08-28 03:52:47", "2020-08-28T03:52:47.0000000Z")]
    [InlineData("2020-08-28T03:52:47", "2020-08-28T03:52:47.0000000Z")]
    [InlineData("2020:08:28 03:52:47", "2020-08-28T03:52:47.0000000Z")]
    [InlineData("  2020-08-28 03:52:47 ", "2020-08-28T03:52:47.0000000Z")]
    [InlineData("2020-08-28T03:52:47Z", "2020-08-28T03:52:47.0000000Z")]
    [InlineData("2020-08-28t03:52:47z", "2020-08-28T03:52:47.0000000Z")]
    [InlineData("2020-08-28T03:52:47.1", "2020-08-28T03:52:47.1000000Z")]
    [InlineData("2020-08-28T03:52:47.123", "2020-08-28T03:52:47.1230000Z")]
    [InlineData("2020-08-28T03:52:47.123456", "2020-08-28T03:52:47.1234560Z")]
    [InlineData("2020-08-28T03:52:47.1234567Z", "2020-08-28T03:52:47.1234567Z")]
    [InlineData("2020-08-28 03:52:47.5", "2020-08-28T03:52:47.5000000Z")]
    [InlineData("2020-08-28T03:52:47+02:00", "2020-08-28T01:52:47.0000000Z")]
    [InlineData("2020-08-28T03:52:47-0500", "2020-08-28T08:52:47.0000000Z")]
    [InlineData("2020-08-28T03:52:47+05", "2020-08-27T22:52:47.0000000Z")]
    [InlineData("2020-08-28T03:52:47+05:30", "2020-08-27T22:22:47.0000000Z")]
    [InlineData("2020-08-28T03:52:47.25-00:30", "2020-08-28T04:22:47.2500000Z")]
    [InlineData("2020-12-31T23:30:00-01:00", "2021-01-01T00:30:00.0000000Z")]
    [InlineData("2020-02-29 00:00:00", "2020-02-29T00:00:00.0000000Z")]
    [InlineData("2017:01:01 00:00:00+00:00", "2017-01-01T00:00:00.0000000Z")]
    public void TryParseUtcTimestamp_WhenFormIsAccepted_ReturnsUtc(string text, string expectedRoundTrip)
    {
        WireValues.TryParseUtcTimestamp(text, out var value).Should().BeTrue();

        value.Kind.Should().Be(DateTimeKind.Utc);
        value.ToString("O", CultureInfo.InvariantCulture).Should().Be(expectedRoundTrip);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("2020-08-28")]
    [InlineData("2020-08-28 03:52")]
    [InlineData("2020/08/28 03:52:47")]
    [InlineData("2020-08:28 03:52:47")]
    [InlineData("2020-08-28_03:52:47")]
    [InlineData("2020-13-01 00:00:00")]
    [InlineData("2020-00-10 00:00:00")]
    [InlineData("2019-02-29 00:00:00")]
    [InlineData("2020-04-31 00:00:00")]
    [InlineData("0000-01-01 00:00:00")]
    [InlineData("2020-08-28 24:00:00")]
    [InlineData("2020-08-28 03:60:00")]
    [InlineData("2020-08-28 03:52:60")]
    [InlineData("2020-08-28 3:52:47")]
    [InlineData("2020-08-28 03:52:47.")]
    [InlineData("2020-08-28 03:52:47.12345678")]
    [InlineData("2020-08-28 03:52:47,5")]
    [InlineData("2020-08-28 03:52:47 Z")]
    [InlineData("2020-08-28 03:52:47+2")]
    [InlineData("2020-08-28 03:52:47+02:0")]
    [InlineData("2020-08-28 03:52:47+15:00")]
    [InlineData("2020-08-28 03:52:47+02:60")]
    [InlineData("2020-08-28 03:52:47UTC")]
    [InlineData("2020-08-28 03:52:47x")]
    [InlineData("0001-01-01 00:00:00+01:00")]
    [InlineData("9999-12-31 23:59:59-01:00")]
    [InlineData("28/08/2020 03:52:47")]
    [InlineData("１２３４-08-28 03:52:47")]
    [InlineData("not a date at all, clearly")]
    public void TryParseUtcTimestamp_WhenFormIsNotAccepted_Fails(string? text)
    {
        WireValues.TryParseUtcTimestamp(text, out _).Should().BeFalse();
    }
}
