using Pinterest.Modular.Domain.Geo;

namespace Pinterest.Modular.Tests.Unit.Domain.Geo;

public class GeoCleaningTests
{
    private static readonly RawGeo Valid = new("7528", "2020-08-28 03:52:47", "-89.9787", "-173.293", "Antarctica (the territory South of 60 deg S)");

    [Fact]
    public void Clean_WhenRowIsComplete_MapsEveryColumn()
    {
        var result = GeoCleaning.Clean(Valid);

        result.IsRejected.Should().BeFalse();
        result.Issues.Should().BeEmpty();
        result.Row.Should().Be(new GeoLocation(
            7528,
            "Antarctica (the territory South of 60 deg S)",
            new Coordinates(-89.9787, -173.293),
            new DateTime(2020, 8, 28, 3, 52, 47, DateTimeKind.Utc)));
        result.Row!.Timestamp!.Value.Kind.Should().Be(DateTimeKind.Utc);
    }

    [Theory]
    [InlineData("2020-08-28 03:52:47", "2020-08-28T03:52:47")]
    [InlineData("2020-08-28T03:52:47", "2020-08-28T03:52:47")]
    [InlineData("2020:08:28 03:52:47", "2020-08-28T03:52:47")]
    [InlineData("2020-08-28T03:52:47.250", "2020-08-28T03:52:47.25")]
    [InlineData("2020-08-28T03:52:47+02:00", "2020-08-28T01:52:47")]
    [InlineData("2020-08-28T03:52:47-0500", "2020-08-28T08:52:47")]
    [InlineData("2020-08-28T03:52:47Z", "2020-08-28T03:52:47")]
    public void Clean_WhenTimestampIsAnAcceptedForm_StoresItInUtc(string timestamp, string expectedUtc)
    {
        var result = GeoCleaning.Clean(Valid with { Timestamp = timestamp });

        var expected = DateTime.SpecifyKind(DateTime.Parse(expectedUtc, System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc);
        result.Row!.Timestamp.Should().Be(expected);
        result.Row.Timestamp!.Value.Kind.Should().Be(DateTimeKind.Utc);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Clean_WhenTimestampIsMissing_SetsNull(string? timestamp)
    {
        var result = GeoCleaning.Clean(Valid with { Timestamp = timestamp });

        result.IsRejected.Should().BeFalse();
        result.Row!.Timestamp.Should().BeNull();
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("2020-02-30 00:00:00")]
    [InlineData("2020-08-28")]
    [InlineData("1598586767")]
    public void Clean_WhenTimestampIsUnparsable_RejectsNamingIt(string timestamp)
    {
        var result = GeoCleaning.Clean(Valid with { Timestamp = timestamp });

        result.RejectionReason.Should().Be($"timestamp '{timestamp}' is not a valid date and time");
    }

    [Fact]
    public void Clean_WhenBothCoordinatesAreMissing_SetsCoordinatesNull()
    {
        var result = GeoCleaning.Clean(Valid with { Latitude = null, Longitude = " " });

        result.IsRejected.Should().BeFalse();
        result.Row!.Coordinates.Should().BeNull();
    }

    [Theory]
    [InlineData(null, "12.5", "latitude is missing but longitude is present")]
    [InlineData("", "12.5", "latitude is missing but longitude is present")]
    [InlineData("12.5", null, "longitude is missing but latitude is present")]
    public void Clean_WhenOneCoordinateIsMissing_Rejects(string? latitude, string? longitude, string reason)
    {
        var result = GeoCleaning.Clean(Valid with { Latitude = latitude, Longitude = longitude });

        result.RejectionReason.Should().Be(reason);
    }

    [Theory]
    [InlineData("north", "12.5", "latitude 'north' is not a number")]
    [InlineData("12.5", "NaN", "longitude 'NaN' is not a number")]
    [InlineData("12.5", "Infinity", "longitude 'Infinity' is not a number")]
    [InlineData("true", "12.5", "latitude 'true' is not a number")]
    public void Clean_WhenCoordinateIsNotANumber_RejectsNamingIt(string latitude, string longitude, string reason)
    {
        var result = GeoCleaning.Clean(Valid with { Latitude = latitude, Longitude = longitude });

        result.RejectionReason.Should().Be(reason);
    }

    [Theory]
    [InlineData("-90", "0", -90, 0)]
    [InlineData("90", "0", 90, 0)]
    [InlineData("0", "-180", 0, -180)]
    [InlineData("0", "180", 0, 180)]
    [InlineData("90.0", "-180.0", 90, -180)]
    [InlineData(" 1e1 ", "-3.5E1", 10, -35)]
    [InlineData("-34.5", "151.21", -34.5, 151.21)]
    public void Clean_WhenCoordinatesAreWithinBounds_KeepsThemLatitudeFirst(
        string latitude, string longitude, double expectedLatitude, double expectedLongitude)
    {
        var result = GeoCleaning.Clean(Valid with { Latitude = latitude, Longitude = longitude });

        result.Row!.Coordinates.Should().Be(new Coordinates(expectedLatitude, expectedLongitude));
    }

    [Theory]
    [InlineData("-90.000001", "0", "latitude '-90.000001' is outside -90..90")]
    [InlineData("90.000001", "0", "latitude '90.000001' is outside -90..90")]
    [InlineData("0", "-180.000001", "longitude '-180.000001' is outside -180..180")]
    [InlineData("0", "180.000001", "longitude '180.000001' is outside -180..180")]
    [InlineData("151.21", "-34.5", "latitude '151.21' is outside -90..90")]
    public void Clean_WhenCoordinateIsOutOfBounds_RejectsNamingItAndTheValue(string latitude, string longitude, string reason)
    {
        var result = GeoCleaning.Clean(Valid with { Latitude = latitude, Longitude = longitude });

        result.IsRejected.Should().BeTrue();
        result.RejectionReason.Should().Be(reason);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \t")]
    public void Clean_WhenCountryIsBlank_SetsNull(string? country)
    {
        GeoCleaning.Clean(Valid with { Country = country }).Row!.Country.Should().BeNull();
    }

    [Fact]
    public void Clean_WhenCountryHasText_KeepsItExactly()
    {
        GeoCleaning.Clean(Valid with { Country = "Cote d'Ivoire" }).Row!.Country.Should().Be("Cote d'Ivoire");
    }

    [Theory]
    [InlineData(null, "ind is missing")]
    [InlineData("", "ind is missing")]
    [InlineData("x1", "ind 'x1' is not an integer")]
    [InlineData("1.5", "ind '1.5' is not an integer")]
    public void Clean_WhenIndIsMissingOrNotAnInteger_RejectsNamingIt(string? ind, string reason)
    {
        GeoCleaning.Clean(Valid with { Ind = ind }).RejectionReason.Should().Be(reason);
    }

    [Fact]
    public void Clean_WhenIndIsANumericString_AcceptsIt()
    {
        GeoCleaning.Clean(Valid with { Ind = " 42 " }).Row!.Ind.Should().Be(42);
    }
}
