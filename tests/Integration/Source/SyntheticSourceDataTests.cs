using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using Pinterest.Modular.Domain.Pins;
using Pinterest.Modular.Infrastructure.Source;

namespace Pinterest.Modular.Tests.Integration.Source;

/// <summary>The synthetic data has the shape of the real data set (spec §1), checked with tolerances over several seeds.</summary>
public sealed partial class SyntheticSourceDataTests
{
    private const int Rows = SyntheticSourceData.DefaultRows;

    // Generating the default size takes a moment; the shape tests share one data set per seed.
    private static readonly ConcurrentDictionary<int, Lazy<List<SyntheticPostingEvent>>> Generated = new();

    public static TheoryData<int> Seeds => [1, 42, 20_240_601];

    [Fact]
    public void Generate_WithTheSameSeed_GivesIdenticalRows()
    {
        var first = SyntheticSourceData.Generate(Rows, 7).ToList();
        var second = SyntheticSourceData.Generate(Rows, 7).ToList();

        second.Should().Equal(first);
    }

    [Fact]
    public void Generate_WithDifferentSeeds_GivesDifferentRows()
    {
        var first = SyntheticSourceData.Generate(100, 7).ToList();
        var second = SyntheticSourceData.Generate(100, 8).ToList();

        first.Zip(second).Count(pair => pair.First == pair.Second).Should().Be(0);
    }

    [Fact]
    public void Generate_WithNegativeRows_Throws()
    {
        var generate = () => SyntheticSourceData.Generate(-1, 1);

        generate.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Generate_GivesEachEventItsPositionAsKeyInAllThreeTables(int seed)
    {
        var events = Events(seed);

        events.Should().HaveCount(Rows);
        events.Select((e, n) => e.Pin.Index == n && e.Geo.Ind == n && e.User.Ind == n).Should().AllSatisfy(ok => ok.Should().BeTrue());
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Generate_UsesAllThirteenCategoriesWithTheirSaveLocation(int seed)
    {
        var pins = Pins(seed);

        pins.Select(p => p.Category).Distinct().Should().BeEquivalentTo(
            "art", "beauty", "christmas", "diy-and-crafts", "education", "event-planning", "finance",
            "home-decor", "mens-fashion", "quotes", "tattoos", "travel", "vehicles");
        pins.Should().AllSatisfy(p => p.SaveLocation.Should().Be($"Local save in /data/{p.Category}"));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Generate_MixesImagesVideosAndStoriesAsTheRealData(int seed)
    {
        var pins = Pins(seed);

        pins.Select(p => p.IsImageOrVideo).Distinct().Should().BeEquivalentTo(
            "image", "video", "multi-video(story page format)");
        Share(pins, p => p.IsImageOrVideo == PinMediaTypes.Image).Should().BeApproximately(0.90, 0.015);
        Share(pins, p => p.IsImageOrVideo == PinMediaTypes.Video).Should().BeApproximately(0.03, 0.006);
        Share(pins, p => p.IsImageOrVideo == PinMediaTypes.Story).Should().BeApproximately(0.07, 0.01);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Generate_MakesAboutOneAndAHalfPercentOfPinsFullyBroken(int seed)
    {
        var pins = Pins(seed);

        var broken = pins.Where(p => p.Title == PinPlaceholders.Title).ToList();

        ((double)broken.Count / Rows).Should().BeApproximately(0.015, 0.004);
        broken.Should().AllSatisfy(p =>
        {
            p.Description.Should().Be(PinPlaceholders.DescriptionStoryFormat);
            p.PosterName.Should().Be(PinPlaceholders.UserInfoError);
            p.FollowerCount.Should().Be(PinPlaceholders.UserInfoError);
            p.TagList.Should().Be(PinPlaceholders.TagList);
            p.ImageSrc.Should().Be(PinPlaceholders.ImageSrc);
            p.Downloaded.Should().Be(0);
            p.IsImageOrVideo.Should().Be(PinMediaTypes.Story);
        });
        pins.Where(p => p.Description == PinPlaceholders.DescriptionStoryFormat).Should().HaveCount(broken.Count);
        pins.Where(p => p.TagList == PinPlaceholders.TagList).Should().HaveCount(broken.Count);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Generate_SetsDownloadedToZeroExactlyWhenImageSrcIsThePlaceholder(int seed)
    {
        var pins = Pins(seed);

        pins.Should().AllSatisfy(p => (p.Downloaded == 0).Should().Be(p.ImageSrc == PinPlaceholders.ImageSrc));
        pins.Select(p => p.Downloaded).Distinct().Should().BeEquivalentTo([0, 1]);
        Share(pins, p => p.ImageSrc == PinPlaceholders.ImageSrc).Should().BeInRange(0.02, 0.07);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Generate_WritesImageSrcAsPinterestUrls(int seed)
    {
        var pins = Pins(seed).Where(p => p.ImageSrc != PinPlaceholders.ImageSrc).ToList();

        pins.Where(p => p.IsImageOrVideo == PinMediaTypes.Video)
            .Should().AllSatisfy(p => p.ImageSrc.Should().MatchRegex(VideoUrl().ToString()));
        pins.Where(p => p.IsImageOrVideo != PinMediaTypes.Video)
            .Should().AllSatisfy(p => p.ImageSrc.Should().MatchRegex(ImageUrl().ToString()));
        pins.Should().Contain(p => p.ImageSrc.EndsWith(".png", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Generate_WritesFollowerCountsAsDigitsWithOptionalUnitOrThePlaceholder(int seed)
    {
        var pins = Pins(seed);

        pins.Should().AllSatisfy(p => p.FollowerCount.Should().MatchRegex(@"^(\d+[kM]?|User Info Error)$"));
        Share(pins, p => p.FollowerCount == PinPlaceholders.UserInfoError).Should().BeApproximately(0.015, 0.006);
        pins.Should().Contain(p => p.FollowerCount == "0")
            .And.Contain(p => p.FollowerCount.EndsWith('k'))
            .And.Contain(p => p.FollowerCount.EndsWith('M'))
            .And.Contain(p => p.FollowerCount.All(char.IsAsciiDigit) && p.FollowerCount != "0");
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Generate_RepeatsPostersMostlyWithTheSameFollowerCount(int seed)
    {
        var byPoster = Pins(seed)
            .Where(p => p.PosterName != PinPlaceholders.UserInfoError && p.FollowerCount != PinPlaceholders.UserInfoError)
            .GroupBy(p => p.PosterName)
            .ToList();

        byPoster.Count.Should().BeLessThan(Rows / 2);
        var repeated = byPoster.Where(g => g.Count() >= 3).ToList();
        repeated.Should().NotBeEmpty();
        var usual = repeated.Sum(g => g.GroupBy(p => p.FollowerCount).Max(c => c.Count()));
        ((double)usual / repeated.Sum(g => g.Count())).Should().BeGreaterThan(0.8);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Generate_JoinsAboutNineTagsWithCommasWithoutSpaces(int seed)
    {
        var tagLists = Pins(seed).Select(p => p.TagList).Where(t => t != PinPlaceholders.TagList).ToList();

        tagLists.Should().AllSatisfy(t =>
        {
            t.Should().NotContain(", ").And.NotContain(",,").And.NotStartWith(",").And.NotEndWith(",");
        });
        tagLists.Average(t => t.Split(',').Length).Should().BeApproximately(9, 0.5);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Generate_WritesPlaceholderAndCutDescriptions(int seed)
    {
        var descriptions = Pins(seed).Select(p => p.Description).ToList();

        descriptions.Should().Contain(PinPlaceholders.Description)
            .And.Contain(PinPlaceholders.DescriptionUntitled);
        var cut = descriptions.Where(d => d.EndsWith('\u2026')).ToList();
        var cutWithSpace = descriptions.Where(d => d.EndsWith("\u2026\u00a0", StringComparison.Ordinal)).ToList();
        cut.Should().NotBeEmpty();
        cutWithSpace.Should().NotBeEmpty();
        cut.Concat(cutWithSpace).Should().AllSatisfy(d => d.Length.Should().BeGreaterThan(100));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Generate_GivesEveryPinADistinctUuid(int seed)
    {
        var ids = Pins(seed).Select(p => p.UniqueId).ToList();

        ids.Should().OnlyHaveUniqueItems();
        ids.Should().AllSatisfy(id => id.Should().MatchRegex("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Generate_KeepsGeoValuesInTheirRanges(int seed)
    {
        var geos = Events(seed).Select(e => e.Geo).ToList();

        geos.Should().AllSatisfy(g =>
        {
            g.Timestamp.Year.Should().BeInRange(2017, 2022);
            g.Latitude.Should().BeInRange(-90, 90);
            g.Longitude.Should().BeInRange(-180, 180);
            SignificantDigits(g.Latitude).Should().BeInRange(4, 6);
            SignificantDigits(g.Longitude).Should().BeInRange(4, 6);
        });
        geos.Select(g => g.Timestamp.Year).Distinct().Should().HaveCount(6);
        geos.Should().Contain(g => g.Latitude < -45).And.Contain(g => g.Longitude > 135);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Generate_DrawsCountriesFromTheFakerList(int seed)
    {
        var countries = Events(seed).Select(e => e.Geo.Country).Distinct().ToList();

        countries.Should().HaveCountGreaterThan(180)
            .And.Contain("Antarctica (the territory South of 60 deg S)")
            .And.Contain("Cote d'Ivoire");
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Generate_KeepsUserValuesInTheirRanges(int seed)
    {
        var users = Events(seed).Select(e => e.User).ToList();

        users.Should().AllSatisfy(u =>
        {
            u.Age.Should().BeInRange(20, 60);
            u.DateJoined.Year.Should().BeInRange(2015, 2017);
            u.FirstName.Should().NotBeNullOrWhiteSpace();
            u.LastName.Should().NotBeNullOrWhiteSpace();
        });
        users.Select(u => u.Age).Should().Contain(20).And.Contain(60);
        users.Select(u => u.DateJoined.Year).Distinct().Should().HaveCount(3);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Generate_RepeatsTheSamePersonUnderSeveralKeys(int seed)
    {
        var people = Events(seed)
            .Select(e => e.User)
            .GroupBy(u => (u.FirstName, u.LastName, u.Age, u.DateJoined))
            .ToList();

        people.Count.Should().BeLessThan(Rows / 2);
        people.Should().Contain(p => p.Count() >= 3);
    }

    [Fact]
    public void Generate_KeepsTimesWholeSecondsInUtc()
    {
        var events = SyntheticSourceData.Generate(1_000, 3).ToList();

        events.Should().AllSatisfy(e =>
        {
            e.Geo.Timestamp.Ticks.Should().Be(e.Geo.Timestamp.Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond);
            e.Geo.Timestamp.Kind.Should().Be(DateTimeKind.Utc);
            e.User.DateJoined.Kind.Should().Be(DateTimeKind.Utc);
        });
    }

    private static List<SyntheticPostingEvent> Events(int seed) =>
        Generated.GetOrAdd(seed, s => new Lazy<List<SyntheticPostingEvent>>(() => SyntheticSourceData.Generate(Rows, s).ToList())).Value;

    private static List<SourcePinRow> Pins(int seed) => Events(seed).Select(e => e.Pin).ToList();

    private static double Share(List<SourcePinRow> pins, Func<SourcePinRow, bool> predicate) =>
        (double)pins.Count(predicate) / pins.Count;

    /// <summary>Significant digits as the value's shortest round-trip text (and so its JSON) shows them.</summary>
    private static int SignificantDigits(double value)
    {
        var digits = value.ToString("R", CultureInfo.InvariantCulture).Split('E')[0]
            .Where(char.IsAsciiDigit).SkipWhile(c => c == '0').ToArray();
        return new string(digits).TrimEnd('0').Length;
    }

    [GeneratedRegex(@"^https://i\.pinimg\.com/originals/([0-9a-f]{2})/([0-9a-f]{2})/([0-9a-f]{2})/\1\2\3[0-9a-f]{26}\.(jpg|png)$")]
    private static partial Regex ImageUrl();

    [GeneratedRegex(@"^https://i\.pinimg\.com/videos/thumbnails/originals/([0-9a-f]{2})/([0-9a-f]{2})/([0-9a-f]{2})/\1\2\3[0-9a-f]{26}\.0000001\.jpg$")]
    private static partial Regex VideoUrl();
}
