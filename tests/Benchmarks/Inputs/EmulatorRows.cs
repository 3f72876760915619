using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Pinterest.Modular.Domain.Pins;

namespace Pinterest.Modular.Benchmarks.Inputs;

/// <summary>
/// Rows as the AWS emulator posts them (spec §1–§2): one JSON object per row, columns in table order, keys and counts as
/// numbers, timestamps as <c>yyyy-MM-dd HH:mm:ss</c> strings. Seeded, so every run measures the same bytes. The mix
/// follows the real data: placeholders, <c>k</c>/<c>M</c> follower counts, about 1.5% fully broken pins, and a few rows
/// that the cleaning rejects (bad key, out-of-range coordinate, age that is not a number, nested value, cut-off JSON).
/// </summary>
public sealed class EmulatorRows
{
    /// <summary>Posting events per set: a few hundred, as a batch job reads them from one landing object.</summary>
    public const int Events = 300;

    private static readonly string[] Categories =
    [
        "art", "beauty", "christmas", "diy-and-crafts", "education", "event-planning", "finance",
        "home-decor", "mens-fashion", "quotes", "tattoos", "travel", "vehicles",
    ];

    private static readonly string[] Countries =
    [
        "Antarctica (the territory South of 60 deg S)", "Cote d'Ivoire", "Albania", "Bangladesh", "Maldives",
        "Saint Kitts and Nevis", "Svalbard & Jan Mayen Islands", "United States of America", "Guinea-Bissau", "Peru",
    ];

    private static readonly string[] FirstNames = ["Andrea", "Christopher", "Alexandria", "Thomas", "Jordan", "Mary", "Kevin"];
    private static readonly string[] LastNames = ["Alvarado", "Hunter", "O'Brien", "Scott", "Miller", "Nguyen", "Gomez"];

    private static readonly string[] Words =
    [
        "ideas", "home", "easy", "diy", "craft", "winter", "quotes", "living", "room", "modern", "budget", "style",
        "travel", "tips", "outfit", "tattoo", "small", "beautiful", "holiday", "design",
    ];

    private EmulatorRows(byte[][] pins, byte[][] geos, byte[][] users)
    {
        Pins = pins;
        Geos = geos;
        Users = users;
    }

    public IReadOnlyList<byte[]> Pins { get; }

    public IReadOnlyList<byte[]> Geos { get; }

    public IReadOnlyList<byte[]> Users { get; }

    public static EmulatorRows Create(int events = Events, int seed = 1)
    {
        // Not security-relevant: a seeded generator makes the same input every run.
#pragma warning disable CA5394
        var random = new Random(seed);
        var pins = new byte[events][];
        var geos = new byte[events][];
        var users = new byte[events][];
        for (var ind = 0; ind < events; ind++)
        {
            pins[ind] = Row(writer => WritePin(writer, random, ind));
            geos[ind] = Row(writer => WriteGeo(writer, random, ind));
            users[ind] = Row(writer => WriteUser(writer, random, ind));
        }

        // Rows the pipeline must reject or flag, at fixed positions so every run has the same mix.
        pins[37] = "{\"index\":\"thirty-seven\",\"unique_id\":\"x\",\"title\":\"t\"}"u8.ToArray();
        pins[111] = "{\"index\":111,\"title\":{\"nested\":true},\"category\":\"art\"}"u8.ToArray();
        pins[222] = "{\"index\":222,\"unique_id\":\"cut-off"u8.ToArray();
        geos[52] = "{\"ind\":52,\"timestamp\":\"2019-03-01 10:00:00\",\"latitude\":95.5,\"longitude\":12.25,\"country\":\"Peru\"}"u8.ToArray();
        geos[153] = "{\"ind\":153,\"timestamp\":\"not a time\",\"latitude\":-12.5,\"country\":\"Peru\"}"u8.ToArray();
        users[64] = "{\"ind\":64,\"first_name\":\"Mary\",\"last_name\":\"Scott\",\"age\":\"forty\",\"date_joined\":\"2016-02-02 08:00:00\"}"u8.ToArray();
        users[199] = "[1,2,3]"u8.ToArray();
#pragma warning restore CA5394
        return new EmulatorRows(pins, geos, users);
    }

    /// <summary>The rows as one JSON array value (the shape some clients send as a record's <c>value</c>).</summary>
    public static byte[] AsArray(IReadOnlyList<byte[]> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var output = new ArrayBufferWriter<byte>();
        output.Write("["u8);
        for (var i = 0; i < rows.Count; i++)
        {
            // The cut-off row would make the whole array invalid JSON; an array value from a client is well-formed.
            if (!IsValidJson(rows[i]))
            {
                continue;
            }

            if (output.WrittenCount > 1)
            {
                output.Write(","u8);
            }

            output.Write(rows[i]);
        }

        output.Write("]"u8);
        return output.WrittenSpan.ToArray();
    }

    private static bool IsValidJson(byte[] row)
    {
        try
        {
            var reader = new Utf8JsonReader(row);
            reader.Read();
            reader.Skip();
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static byte[] Row(Action<Utf8JsonWriter> write)
    {
        var output = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(output))
        {
            write(writer);
        }

        return output.WrittenSpan.ToArray();
    }

#pragma warning disable CA5394 // See Create: seeded on purpose.
    private static void WritePin(Utf8JsonWriter writer, Random random, int ind)
    {
        var category = Categories[random.Next(Categories.Length)];
        var broken = random.Next(1000) < 15;
        var kind = random.Next(100) switch
        {
            < 90 => "image",
            < 93 => "video",
            _ => "multi-video(story page format)",
        };
        var imageSrc = broken || random.Next(100) < 2
            ? PinPlaceholders.ImageSrc
            : string.Create(
                CultureInfo.InvariantCulture,
                $"https://i.pinimg.com/originals/{random.Next(256):x2}/{random.Next(256):x2}/{random.Next(256):x2}/{Hex(random, 16)}.jpg");

        writer.WriteStartObject();
        writer.WriteNumber("index", ind);
        writer.WriteString("unique_id", UniqueId(random));
        writer.WriteString("title", broken ? PinPlaceholders.Title : Sentence(random, 6));
        writer.WriteString("description", broken ? PinPlaceholders.DescriptionStoryFormat : Description(random));
        writer.WriteString("poster_name", broken ? PinPlaceholders.UserInfoError : Sentence(random, 2));
        writer.WriteString("follower_count", broken ? PinPlaceholders.UserInfoError : FollowerCount(random));
        writer.WriteString("tag_list", broken ? PinPlaceholders.TagList : Tags(random));
        writer.WriteString("is_image_or_video", broken ? "multi-video(story page format)" : kind);
        writer.WriteString("image_src", imageSrc);
        writer.WriteNumber("downloaded", imageSrc == PinPlaceholders.ImageSrc ? 0 : 1);
        writer.WriteString("save_location", PinCleaning.SaveLocationPrefix + "/data/" + category);
        writer.WriteString("category", category);
        writer.WriteEndObject();
    }

    private static void WriteGeo(Utf8JsonWriter writer, Random random, int ind)
    {
        var timestamp = new DateTime(2017, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(random.NextInt64(6L * 365 * 86_400));
        writer.WriteStartObject();
        writer.WriteNumber("ind", ind);
        writer.WriteString("timestamp", timestamp.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
        writer.WriteNumber("latitude", Math.Round((random.NextDouble() * 180) - 90, 4));
        writer.WriteNumber("longitude", Math.Round((random.NextDouble() * 360) - 180, 5));
        writer.WriteString("country", Countries[random.Next(Countries.Length)]);
        writer.WriteEndObject();
    }

    private static void WriteUser(Utf8JsonWriter writer, Random random, int ind)
    {
        var joined = new DateTime(2015, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(random.NextInt64(3L * 365 * 86_400));
        writer.WriteStartObject();
        writer.WriteNumber("ind", ind);
        writer.WriteString("first_name", FirstNames[random.Next(FirstNames.Length)]);
        writer.WriteString("last_name", LastNames[random.Next(LastNames.Length)]);
        writer.WriteNumber("age", random.Next(20, 61));
        writer.WriteString("date_joined", joined.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
        writer.WriteEndObject();
    }

    private static string Hex(Random random, int bytes)
    {
        var buffer = new byte[bytes];
        random.NextBytes(buffer);
        return Convert.ToHexStringLower(buffer);
    }

    private static string UniqueId(Random random)
    {
        var buffer = new byte[16];
        random.NextBytes(buffer);
        return new Guid(buffer).ToString();
    }

    private static string FollowerCount(Random random) => random.Next(100) switch
    {
        < 2 => PinPlaceholders.UserInfoError,
        < 40 => random.Next(1000).ToString(CultureInfo.InvariantCulture),
        < 85 => random.Next(1, 1000).ToString(CultureInfo.InvariantCulture) + "k",
        _ => random.Next(1, 20).ToString(CultureInfo.InvariantCulture) + "M",
    };

    private static string Description(Random random) => random.Next(100) switch
    {
        < 3 => PinPlaceholders.Description,
        < 6 => PinPlaceholders.DescriptionUntitled,
        // Long descriptions arrive cut with "…", sometimes followed by a no-break space.
        < 40 => Sentence(random, 30) + (random.Next(2) == 0 ? "…" : "…\u00A0"),
        _ => Sentence(random, 15),
    };

    private static string Tags(Random random)
    {
        var tags = new string[9];
        for (var i = 0; i < tags.Length; i++)
        {
            tags[i] = Sentence(random, 2);
        }

        return string.Join(',', tags);
    }

    private static string Sentence(Random random, int words)
    {
        var parts = new string[words];
        for (var i = 0; i < words; i++)
        {
            parts[i] = Words[random.Next(Words.Length)];
        }

        return string.Join(' ', parts);
    }
#pragma warning restore CA5394
}
