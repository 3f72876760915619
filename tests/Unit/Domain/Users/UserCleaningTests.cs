using Pinterest.Modular.Domain.Users;

namespace Pinterest.Modular.Tests.Unit.Domain.Users;

public class UserCleaningTests
{
    private static readonly RawUser Valid = new("7528", "Abigail", "Ali", "20", "2015-10-24 11:23:51");

    [Fact]
    public void Clean_WhenRowIsComplete_MapsEveryColumn()
    {
        var result = UserCleaning.Clean(Valid);

        result.IsRejected.Should().BeFalse();
        result.Row.Should().Be(new User(7528, "Abigail Ali", 20, new DateTime(2015, 10, 24, 11, 23, 51, DateTimeKind.Utc)));
        result.Row!.DateJoined!.Value.Kind.Should().Be(DateTimeKind.Utc);
    }

    [Theory]
    [InlineData("Abigail", "Ali", "Abigail Ali")]
    [InlineData("  Abigail ", " Ali  ", "Abigail Ali")]
    [InlineData("Abigail", null, "Abigail")]
    [InlineData("Abigail", "", "Abigail")]
    [InlineData("Abigail", "   ", "Abigail")]
    [InlineData(null, "Ali", "Ali")]
    [InlineData(" ", " Ali", "Ali")]
    [InlineData("Mary Ann", "Smith-Jones", "Mary Ann Smith-Jones")]
    [InlineData(null, null, null)]
    [InlineData("", "\t", null)]
    public void Clean_WhenNamesCombine_JoinsThemWithOneSpace(string? first, string? last, string? expected)
    {
        var result = UserCleaning.Clean(Valid with { FirstName = first, LastName = last });

        result.Row!.UserName.Should().Be(expected);
    }

    [Theory]
    [InlineData("20", 20)]
    [InlineData(" 60 ", 60)]
    [InlineData("35.0", 35)]
    [InlineData("2147483647", int.MaxValue)]
    public void Clean_WhenAgeIsAnInteger_KeepsIt(string age, int expected)
    {
        UserCleaning.Clean(Valid with { Age = age }).Row!.Age.Should().Be(expected);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Clean_WhenAgeIsMissing_SetsNull(string? age)
    {
        var result = UserCleaning.Clean(Valid with { Age = age });

        result.IsRejected.Should().BeFalse();
        result.Row!.Age.Should().BeNull();
    }

    [Theory]
    [InlineData("twenty", "age 'twenty' is not an integer")]
    [InlineData("20.5", "age '20.5' is not an integer")]
    [InlineData("20y", "age '20y' is not an integer")]
    [InlineData("2147483648", "age '2147483648' is out of range")]
    [InlineData("-2147483649", "age '-2147483649' is out of range")]
    public void Clean_WhenAgeIsNotAnInt_RejectsNamingIt(string age, string reason)
    {
        var result = UserCleaning.Clean(Valid with { Age = age });

        result.IsRejected.Should().BeTrue();
        result.RejectionReason.Should().Be(reason);
    }

    [Theory]
    [InlineData("2015-10-24 11:23:51", "2015-10-24T11:23:51")]
    [InlineData("2015-10-24T11:23:51", "2015-10-24T11:23:51")]
    [InlineData("2015:10:24 11:23:51", "2015-10-24T11:23:51")]
    [InlineData("2015-10-24T11:23:51.5+01:00", "2015-10-24T10:23:51.5")]
    [InlineData("2015-10-24T23:23:51-0100", "2015-10-25T00:23:51")]
    public void Clean_WhenDateJoinedIsAnAcceptedForm_StoresItInUtc(string dateJoined, string expectedUtc)
    {
        var result = UserCleaning.Clean(Valid with { DateJoined = dateJoined });

        var expected = DateTime.SpecifyKind(DateTime.Parse(expectedUtc, System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc);
        result.Row!.DateJoined.Should().Be(expected);
        result.Row.DateJoined!.Value.Kind.Should().Be(DateTimeKind.Utc);
    }

    [Fact]
    public void Clean_WhenDateJoinedIsMissing_SetsNull()
    {
        UserCleaning.Clean(Valid with { DateJoined = null }).Row!.DateJoined.Should().BeNull();
    }

    [Theory]
    [InlineData("24/10/2015")]
    [InlineData("2015-10-24 25:00:00")]
    public void Clean_WhenDateJoinedIsUnparsable_RejectsNamingIt(string dateJoined)
    {
        UserCleaning.Clean(Valid with { DateJoined = dateJoined }).RejectionReason
            .Should().Be($"date_joined '{dateJoined}' is not a valid date and time");
    }

    [Theory]
    [InlineData(null, "ind is missing")]
    [InlineData("seven", "ind 'seven' is not an integer")]
    public void Clean_WhenIndIsMissingOrNotAnInteger_RejectsNamingIt(string? ind, string reason)
    {
        UserCleaning.Clean(Valid with { Ind = ind }).RejectionReason.Should().Be(reason);
    }
}
