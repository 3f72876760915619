using System.Globalization;
using Bogus;
using Pinterest.Modular.Domain.Pins;

namespace Pinterest.Modular.Infrastructure.Source;

/// <summary>
/// Makes the posting events of <see cref="SyntheticSourceData"/>. People and posters are drawn from pools smaller
/// than the row count, because the real data repeats them (the analytics count distinct people and rank posters).
/// </summary>
internal sealed class SyntheticEventFactory
{
    // Shares of all pins, as in the real data (spec §1).
    private const double BrokenPinRate = 0.015;
    private const double VideoRate = 0.03;
    private const double StoryRate = 0.07;

    // Shares of the pins that are not broken.
    private const double LoneUserInfoErrorRate = 0.002;
    private const double NoDescriptionRate = 0.015;
    private const double UntitledRate = 0.005;
    private const double CutDescriptionRate = 0.12;
    private const double FollowerDriftRate = 0.1;

    // A story pin often lost its image; an image or video pin rarely did.
    private const double StoryImageErrorRate = 0.3;
    private const double MediaImageErrorRate = 0.01;

    private static readonly DateTime JoinedFrom = new(2015, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime JoinedUntil = new(2018, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime PostedFrom = new(2017, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime PostedUntil = new(2023, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private readonly Faker faker;
    private readonly Randomizer random;
    private readonly LoremWords lorem;
    private readonly Person[] people;
    private readonly Poster[] posters;

    public SyntheticEventFactory(int seed, int rows)
    {
        // A local randomizer: Bogus's global seed would make every other Faker in the process depend on this one.
        random = new Randomizer(seed);
        faker = new Faker("en") { Random = random };
        lorem = new LoremWords(random);
        people = Enumerable.Range(0, Math.Max(1, rows / 3)).Select(_ => NewPerson()).ToArray();
        posters = Enumerable.Range(0, Math.Max(1, rows / 4)).Select(_ => NewPoster()).ToArray();
    }

    public SyntheticPostingEvent Create(long key) => new(NewPin(key), NewGeo(key), NewUser(key));

    private SourcePinRow NewPin(long key)
    {
        var category = SyntheticSourceData.Categories[random.Int(0, SyntheticSourceData.Categories.Count - 1)];
        var saveLocation = $"Local save in /data/{category}";
        var uniqueId = NewUuid();
        if (random.Double() < BrokenPinRate)
        {
            return new SourcePinRow(
                key, uniqueId, PinPlaceholders.Title, PinPlaceholders.DescriptionStoryFormat, PinPlaceholders.UserInfoError,
                PinPlaceholders.UserInfoError, PinPlaceholders.TagList, PinMediaTypes.Story, PinPlaceholders.ImageSrc,
                0, saveLocation, category);
        }

        var poster = random.ArrayElement(posters);
        var mediaType = NewMediaType();
        var imageSrc = NewImageSrc(mediaType);
        return new SourcePinRow(
            key,
            uniqueId,
            NewTitle(),
            NewDescription(),
            poster.Name,
            NewFollowerCount(poster),
            NewTagList(),
            mediaType,
            imageSrc,
            imageSrc == PinPlaceholders.ImageSrc ? 0 : 1,
            saveLocation,
            category);
    }

    private SourceGeoRow NewGeo(long key) => new(
        key,
        NewMoment(PostedFrom, PostedUntil),
        NewCoordinate(90),
        NewCoordinate(180),
        faker.Address.Country());

    private SourceUserRow NewUser(long key)
    {
        var person = random.ArrayElement(people);
        return new SourceUserRow(key, person.FirstName, person.LastName, person.Age, person.DateJoined);
    }

    private Person NewPerson() => new(
        faker.Name.FirstName(),
        faker.Name.LastName(),
        random.Int(20, 60),
        NewMoment(JoinedFrom, JoinedUntil));

    private Poster NewPoster()
    {
        var name = random.Int(0, 9) switch
        {
            < 4 => faker.Name.FullName(),
            < 8 => faker.Company.CompanyName(),
            _ => faker.Internet.UserName(),
        };

        // Most posters have thousands of followers, some millions, some a few or none.
        var (count, unit) = random.Double() switch
        {
            < 0.05 => (0, string.Empty),
            < 0.30 => (random.Int(1, 999), string.Empty),
            < 0.85 => (random.Int(1, 999), "k"),
            _ => (random.Int(1, 30), "M"),
        };
        return new Poster(name, count, unit);
    }

    private string NewFollowerCount(Poster poster)
    {
        if (random.Double() < LoneUserInfoErrorRate)
        {
            return PinPlaceholders.UserInfoError;
        }

        // Scraped at different times, a poster's count sometimes moved a little.
        var count = poster.Count;
        if (count > 0 && random.Double() < FollowerDriftRate)
        {
            count = Math.Max(1, count + (random.Int(1, 3) * (random.Bool() ? 1 : -1)));
        }

        return count.ToString(CultureInfo.InvariantCulture) + poster.Unit;
    }

    private string NewMediaType()
    {
        // Broken pins are all story pages, so the rest of the stories make up the difference.
        var draw = random.Double() * (1 - BrokenPinRate);
        if (draw < VideoRate)
        {
            return PinMediaTypes.Video;
        }

        return draw < VideoRate + StoryRate - BrokenPinRate ? PinMediaTypes.Story : PinMediaTypes.Image;
    }

    private string NewImageSrc(string mediaType)
    {
        var errorRate = mediaType == PinMediaTypes.Story ? StoryImageErrorRate : MediaImageErrorRate;
        if (random.Double() < errorRate)
        {
            return PinPlaceholders.ImageSrc;
        }

        var hash = random.Hash(32);
        var folders = $"{hash[..2]}/{hash[2..4]}/{hash[4..6]}";
        if (mediaType == PinMediaTypes.Video)
        {
            return $"https://i.pinimg.com/videos/thumbnails/originals/{folders}/{hash}.0000001.jpg";
        }

        var extension = random.Double() < 0.85 ? "jpg" : "png";
        return $"https://i.pinimg.com/originals/{folders}/{hash}.{extension}";
    }

    private string NewTitle() => random.Int(0, 2) switch
    {
        0 => faker.Commerce.ProductName(),
        1 => faker.Company.CatchPhrase(),
        _ => lorem.Phrase(random.Int(3, 8)),
    };

    private string NewDescription()
    {
        var draw = random.Double();
        if (draw < NoDescriptionRate)
        {
            return PinPlaceholders.Description;
        }

        if (draw < NoDescriptionRate + UntitledRate)
        {
            return PinPlaceholders.DescriptionUntitled;
        }

        if (draw < NoDescriptionRate + UntitledRate + CutDescriptionRate)
        {
            // The scraper kept the visible part of long descriptions: cut at a word, an ellipsis, sometimes a no-break space.
            var text = lorem.Sentences(random.Int(6, 10));
            var cut = text.LastIndexOf(' ', Math.Min(text.Length - 1, random.Int(120, 240)));
            return text[..(cut > 0 ? cut : text.Length)].TrimEnd(',', '.') + "\u2026" + (random.Bool() ? "\u00a0" : string.Empty);
        }

        return lorem.Sentences(random.Int(1, 3));
    }

    private string NewTagList()
    {
        var tags = new string[random.Int(7, 11)];
        for (var i = 0; i < tags.Length; i++)
        {
            tags[i] = lorem.Phrase(random.Int(1, 3));
        }

        return string.Join(',', tags);
    }

    /// <summary>A UUID in the form of a version 4 UUID, as Python's <c>uuid4()</c> writes it.</summary>
    private string NewUuid()
    {
        var hex = random.Hash(32).ToCharArray();
        hex[12] = '4';
        hex[16] = "89ab"[random.Int(0, 3)];
        var text = new string(hex);
        return $"{text[..8]}-{text[8..12]}-{text[12..16]}-{text[16..20]}-{text[20..]}";
    }

    private DateTime NewMoment(DateTime from, DateTime until)
    {
        var seconds = random.Long(0, (long)(until - from).TotalSeconds - 1);
        return from.AddSeconds(seconds);
    }

    /// <summary>A coordinate in -limit..limit with 4 to 6 significant digits, like the real data.</summary>
    private double NewCoordinate(int limit)
    {
        while (true)
        {
            var digits = random.Int(4, 6);
            var value = SignificantDigits.Round(random.Double(-limit, limit), digits);

            // Rounding can leave trailing zeros (12.30 is 12.3); draw again so every value has at least 4 digits.
            if (SignificantDigits.Count(value) >= 4)
            {
                return value;
            }
        }
    }

    private sealed record Person(string FirstName, string LastName, int Age, DateTime DateJoined);

    private sealed record Poster(string Name, int Count, string Unit);
}
