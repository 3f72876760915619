using Pinterest.Modular.Domain.Pins;

namespace Pinterest.Modular.Tests.Unit.Domain.Pins;

public class PinCleaningTests
{
    public static TheoryData<string, string> BlankTextCells
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var column in RawPins.TextColumnNames)
            {
                foreach (var blank in new[] { "", " ", "\t\n", "\u00A0 " })
                {
                    data.Add(column, blank);
                }
            }

            return data;
        }
    }

    [Fact]
    public void Clean_WhenRowIsComplete_MapsEveryColumn()
    {
        var result = PinCleaning.Clean(RawPins.Valid);

        result.IsRejected.Should().BeFalse();
        result.Issues.Should().BeEmpty();
        result.Row.Should().Be(new Pin(
            2863,
            "9bf39437-42a6-4f02-99a0-9a0383d8cd70",
            "25 Super Fun Summer Crafts for Kids",
            "Keep the kids busy this summer with these easy diy crafts and projects…",
            124_000,
            "Super Simple",
            "Summer Crafts For Kids,Fun Crafts For Kids,Summer Kids",
            "image",
            "https://i.pinimg.com/originals/b3/bc/e2/b3bce2964e8c8975387b39fb3d2cc4f5.jpg",
            "/data/diy-and-crafts",
            "diy-and-crafts"));
    }

    [Fact]
    public void Clean_WhenRowIsFullyBroken_NullsEveryPlaceholderAndKeepsTheRest()
    {
        var raw = new RawPin(
            "7528",
            "fbe53c66-3442-4773-b19e-d3ec6f54dddf",
            "No Title Data Available",
            "No description available Story format",
            "User Info Error",
            "User Info Error",
            "N,o, ,T,a,g,s, ,A,v,a,i,l,a,b,l,e",
            "multi-video(story page format)",
            "Image src error.",
            "0",
            "Local save in /data/mens-fashion",
            "mens-fashion");

        var result = PinCleaning.Clean(raw);

        result.Issues.Should().BeEmpty();
        result.Row.Should().Be(new Pin(
            7528,
            "fbe53c66-3442-4773-b19e-d3ec6f54dddf",
            null,
            null,
            null,
            null,
            null,
            "multi-video(story page format)",
            null,
            "/data/mens-fashion",
            "mens-fashion"));
    }

    [Theory]
    [InlineData("title", "No Title Data Available")]
    [InlineData("description", "No description available Story format")]
    [InlineData("description", "No description available")]
    [InlineData("description", "Untitled")]
    [InlineData("poster_name", "User Info Error")]
    [InlineData("tag_list", "N,o, ,T,a,g,s, ,A,v,a,i,l,a,b,l,e")]
    [InlineData("image_src", "Image src error.")]
    [InlineData("title", "  No Title Data Available ")]
    [InlineData("description", "No description available\u00A0")]
    [InlineData("image_src", "\tImage src error.\n")]
    public void Clean_WhenTextColumnIsItsPlaceholder_SetsItNull(string column, string placeholder)
    {
        var result = PinCleaning.Clean(RawPins.With(column, placeholder));

        result.Row.Should().NotBeNull();
        RawPins.TextOf(result.Row!, column).Should().BeNull();
    }

    [Theory]
    [InlineData("title", "No Title Data")]
    [InlineData("title", "no title data available")]
    [InlineData("title", "Untitled")]
    [InlineData("description", "Untitled Goose")]
    [InlineData("description", "No description available.")]
    [InlineData("poster_name", "Image src error.")]
    [InlineData("tag_list", "No Tags Available")]
    [InlineData("image_src", "Image src error")]
    [InlineData("category", "User Info Error")]
    public void Clean_WhenTextIsNotExactlyItsColumnsPlaceholder_KeepsIt(string column, string value)
    {
        var result = PinCleaning.Clean(RawPins.With(column, value));

        RawPins.TextOf(result.Row!, column).Should().Be(value);
    }

    [Theory]
    [MemberData(nameof(BlankTextCells))]
    public void Clean_WhenTextColumnIsBlank_SetsItNull(string column, string blank)
    {
        var result = PinCleaning.Clean(RawPins.With(column, blank));

        result.IsRejected.Should().BeFalse();
        RawPins.TextOf(result.Row!, column).Should().BeNull();
    }

    [Theory]
    [MemberData(nameof(RawPins.TextColumns), MemberType = typeof(RawPins))]
    public void Clean_WhenTextColumnIsMissing_SetsItNull(string column)
    {
        var result = PinCleaning.Clean(RawPins.With(column, null));

        result.IsRejected.Should().BeFalse();
        RawPins.TextOf(result.Row!, column).Should().BeNull();
    }

    [Theory]
    [InlineData("Keep the kids busy this summer with these…")]
    [InlineData("Keep the kids busy this summer with these…\u00A0")]
    [InlineData("  leading and trailing spaces stay  ")]
    public void Clean_WhenDescriptionHasText_KeepsItExactly(string description)
    {
        var result = PinCleaning.Clean(RawPins.Valid with { Description = description });

        result.Row!.Description.Should().Be(description);
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("437", 437)]
    [InlineData("007", 7)]
    [InlineData(" 52 ", 52)]
    [InlineData("124k", 124_000)]
    [InlineData("124K", 124_000)]
    [InlineData("6M", 6_000_000)]
    [InlineData("6m", 6_000_000)]
    [InlineData("0k", 0)]
    [InlineData("9223372036854775807", long.MaxValue)]
    [InlineData("9223372036854775k", 9_223_372_036_854_775_000)]
    public void Clean_WhenFollowerCountIsDigitsWithOptionalSuffix_MultipliesBySuffix(string text, long expected)
    {
        var result = PinCleaning.Clean(RawPins.Valid with { FollowerCount = text });

        result.Row!.FollowerCount.Should().Be(expected);
        result.Issues.Should().BeEmpty();
    }

    [Theory]
    [InlineData("User Info Error")]
    [InlineData(" User Info Error ")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Clean_WhenFollowerCountIsPlaceholderOrBlank_SetsNullWithoutIssue(string? text)
    {
        var result = PinCleaning.Clean(RawPins.Valid with { FollowerCount = text });

        result.Row!.FollowerCount.Should().BeNull();
        result.Issues.Should().BeEmpty();
    }

    [Theory]
    [InlineData("12x")]
    [InlineData("1.5k")]
    [InlineData("k")]
    [InlineData("M")]
    [InlineData("12kk")]
    [InlineData("12 k")]
    [InlineData("-5")]
    [InlineData("+5")]
    [InlineData("1,000")]
    [InlineData("12B")]
    [InlineData("user info error")]
    [InlineData("9223372036854775808")]
    [InlineData("9223372036854776k")]
    [InlineData("9223372036855M")]
    public void Clean_WhenFollowerCountIsUnreadable_KeepsRowWithNullAndIssue(string text)
    {
        var result = PinCleaning.Clean(RawPins.Valid with { FollowerCount = text });

        result.IsRejected.Should().BeFalse();
        result.Row!.FollowerCount.Should().BeNull();
        result.Issues.Should().ContainSingle().Which.Should().Be(
            new Pinterest.Modular.Domain.Common.ValueIssue("follower_count", $"'{text}' is not a follower count"));
    }

    [Theory]
    [InlineData("Local save in /data/mens-fashion", "/data/mens-fashion")]
    [InlineData("  Local save in /data/art", "/data/art")]
    [InlineData("/data/travel", "/data/travel")]
    [InlineData("local save in /data/art", "local save in /data/art")]
    [InlineData("Local save in", "Local save in")]
    [InlineData("Local save in ", null)]
    [InlineData("Local save in    ", null)]
    public void Clean_WhenSaveLocationHasPrefix_KeepsOnlyThePath(string text, string? expected)
    {
        var result = PinCleaning.Clean(RawPins.Valid with { SaveLocation = text });

        result.Row!.SaveLocation.Should().Be(expected);
    }

    [Theory]
    [InlineData("image")]
    [InlineData("video")]
    [InlineData("multi-video(story page format)")]
    public void Clean_WhenIsImageOrVideoHasAValue_KeepsIt(string value)
    {
        PinCleaning.Clean(RawPins.Valid with { IsImageOrVideo = value }).Row!.IsImageOrVideo.Should().Be(value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("0")]
    [InlineData("not a number")]
    public void Clean_WhateverDownloadedHolds_IgnoresIt(string? downloaded)
    {
        var result = PinCleaning.Clean(RawPins.Valid with { Downloaded = downloaded });

        result.Row.Should().Be(PinCleaning.Clean(RawPins.Valid).Row);
    }

    [Theory]
    [InlineData("7528", 7528)]
    [InlineData(" 7528 ", 7528)]
    [InlineData("7528.0", 7528)]
    [InlineData("0", 0)]
    public void Clean_WhenIndexIsAnInteger_RenamesItInd(string index, long expected)
    {
        PinCleaning.Clean(RawPins.Valid with { Index = index }).Row!.Ind.Should().Be(expected);
    }

    [Theory]
    [InlineData(null, "index is missing")]
    [InlineData("", "index is missing")]
    [InlineData("  ", "index is missing")]
    [InlineData("abc", "index 'abc' is not an integer")]
    [InlineData("12.5", "index '12.5' is not an integer")]
    [InlineData("true", "index 'true' is not an integer")]
    public void Clean_WhenIndexIsMissingOrNotAnInteger_RejectsNamingIt(string? index, string reason)
    {
        var result = PinCleaning.Clean(RawPins.Valid with { Index = index });

        result.IsRejected.Should().BeTrue();
        result.Row.Should().BeNull();
        result.RejectionReason.Should().Be(reason);
    }

    [Fact]
    public void Clean_WhenRejectedValueIsLong_QuotesItCut()
    {
        var index = new string('9', 100) + "x";

        var result = PinCleaning.Clean(RawPins.Valid with { Index = index });

        result.RejectionReason.Should().Be($"index '{new string('9', 60)}…' is not an integer");
    }
}
