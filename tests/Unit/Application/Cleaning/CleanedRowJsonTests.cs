using System.Buffers;
using System.Text;
using System.Text.Json;
using Pinterest.Modular.Application.Cleaning;
using Pinterest.Modular.Domain.Common;
using Pinterest.Modular.Domain.Geo;
using Pinterest.Modular.Domain.Pins;
using Pinterest.Modular.Domain.Users;

namespace Pinterest.Modular.Tests.Unit.Application.Cleaning;

public class CleanedRowJsonTests
{
    private static readonly Pin SamplePin = new(
        2863,
        "9bf39437-42a6-4f02-99a0-9a0383d8cd70",
        "Crafts for Kids",
        "Keep the kids busy…\u00A0",
        124_000,
        "Super Simple",
        "Summer Crafts,Kids",
        "image",
        "https://i.pinimg.com/originals/b3/bc/e2/b3bce2964e8c8975387b39fb3d2cc4f5.jpg",
        "/data/diy-and-crafts",
        "diy-and-crafts");

    private static readonly GeoLocation SampleGeo = new(
        7528, "Cote d'Ivoire", new Coordinates(-89.9787, -173.293), new DateTime(2020, 8, 28, 3, 52, 47, DateTimeKind.Utc));

    private static readonly User SampleUser = new(7528, "Abigail Ali", 20, new DateTime(2015, 10, 24, 11, 23, 51, DateTimeKind.Utc));

    public static TheoryData<object, IReadOnlyList<string>> RowsAndColumns => new()
    {
        { SamplePin, Pin.Columns },
        { new Pin(1, null, null, null, null, null, null, null, null, null, null), Pin.Columns },
        { SampleGeo, GeoLocation.Columns },
        { new GeoLocation(1, null, null, null), GeoLocation.Columns },
        { SampleUser, User.Columns },
        { new User(1, null, null, null), User.Columns },
    };

    [Fact]
    public void ToUtf8_WhenPin_WritesSpecColumnsInOrder()
    {
        // "…" stays literal; the encoder escapes non-space whitespace such as U+00A0 (it round-trips: see below).
        Text(SamplePin).Should().Be(
            "{\"ind\":2863,\"unique_id\":\"9bf39437-42a6-4f02-99a0-9a0383d8cd70\",\"title\":\"Crafts for Kids\","
            + "\"description\":\"Keep the kids busy…\\u00A0\",\"follower_count\":124000,\"poster_name\":\"Super Simple\","
            + "\"tag_list\":\"Summer Crafts,Kids\",\"is_image_or_video\":\"image\","
            + "\"image_src\":\"https://i.pinimg.com/originals/b3/bc/e2/b3bce2964e8c8975387b39fb3d2cc4f5.jpg\","
            + "\"save_location\":\"/data/diy-and-crafts\",\"category\":\"diy-and-crafts\"}");
    }

    [Fact]
    public void ToUtf8_WhenPinHasNulls_WritesThemAsNull()
    {
        var pin = new Pin(7, null, null, null, null, null, null, null, null, null, null);

        Text(pin).Should().Be(
            "{\"ind\":7,\"unique_id\":null,\"title\":null,\"description\":null,\"follower_count\":null,\"poster_name\":null,"
            + "\"tag_list\":null,\"is_image_or_video\":null,\"image_src\":null,\"save_location\":null,\"category\":null}");
    }

    [Fact]
    public void ToUtf8_WhenGeo_WritesCoordinatesLatitudeFirstAndTimestampWithZ()
    {
        Text(SampleGeo).Should().Be(
            "{\"ind\":7528,\"country\":\"Cote d'Ivoire\",\"coordinates\":[-89.9787,-173.293],\"timestamp\":\"2020-08-28T03:52:47Z\"}");
    }

    [Fact]
    public void ToUtf8_WhenGeoHasNulls_WritesThemAsNull()
    {
        Text(new GeoLocation(3, null, null, null)).Should().Be(
            "{\"ind\":3,\"country\":null,\"coordinates\":null,\"timestamp\":null}");
    }

    [Fact]
    public void ToUtf8_WhenUser_WritesSpecColumnsInOrder()
    {
        Text(SampleUser).Should().Be(
            "{\"ind\":7528,\"user_name\":\"Abigail Ali\",\"age\":20,\"date_joined\":\"2015-10-24T11:23:51Z\"}");
    }

    [Fact]
    public void ToUtf8_WhenUserHasNulls_WritesThemAsNull()
    {
        Text(new User(4, null, null, null)).Should().Be("{\"ind\":4,\"user_name\":null,\"age\":null,\"date_joined\":null}");
    }

    [Theory]
    [InlineData(0L, "2020-08-28T03:52:47Z")]
    [InlineData(2_500_000L, "2020-08-28T03:52:47.25Z")]
    [InlineData(1_230_000L, "2020-08-28T03:52:47.123Z")]
    [InlineData(1L, "2020-08-28T03:52:47.0000001Z")]
    public void ToUtf8_WhenTimestampHasAFraction_WritesItOnlyWhenNonZero(long fractionTicks, string expected)
    {
        var timestamp = new DateTime(2020, 8, 28, 3, 52, 47, DateTimeKind.Utc).AddTicks(fractionTicks);

        Text(SampleGeo with { Timestamp = timestamp }).Should().EndWith($"\"timestamp\":\"{expected}\"}}");
    }

    [Fact]
    public void ToUtf8_WhenTimestampKindIsUnspecified_WritesItAsUtc()
    {
        var unspecified = new DateTime(2015, 10, 24, 11, 23, 51, DateTimeKind.Unspecified);

        Text(SampleUser with { DateJoined = unspecified }).Should().EndWith("\"date_joined\":\"2015-10-24T11:23:51Z\"}");
    }

    [Theory]
    [MemberData(nameof(RowsAndColumns))]
    public void ToUtf8_ForEveryKind_WritesExactlyTheRecordsColumns(object row, IReadOnlyList<string> columns)
    {
        using var document = JsonDocument.Parse(CleanedRowJson.ToUtf8(row));

        document.RootElement.EnumerateObject().Select(p => p.Name).Should().Equal(columns);
    }

    [Fact]
    public void ToUtf8_WhenTextNeedsEscaping_RoundTripsIt()
    {
        var pin = SamplePin with { Title = "Quote \" backslash \\ newline \n tab \t <b>&" };

        using var document = JsonDocument.Parse(CleanedRowJson.ToUtf8(pin));

        document.RootElement.GetProperty("title").GetString().Should().Be(pin.Title);
        document.RootElement.GetProperty("description").GetString().Should().Be("Keep the kids busy…\u00A0");
    }

    [Fact]
    public void Write_WhenGivenTheCallersWriter_WritesTheSameObject()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, CleanedRowJson.WriterOptions))
        {
            writer.WriteStartArray();
            CleanedRowJson.Write(writer, SampleUser);
            CleanedRowJson.Write(writer, (object)SampleGeo);
            writer.WriteEndArray();
        }

        Encoding.UTF8.GetString(buffer.WrittenSpan).Should().Be($"[{Text(SampleUser)},{Text(SampleGeo)}]");
    }

    [Fact]
    public void ToUtf8_WhenObjectIsNotACleanedRow_Throws()
    {
        var act = () => CleanedRowJson.ToUtf8("not a row");

        act.Should().Throw<ArgumentException>().WithMessage("*Pin, GeoLocation or User*");
    }

    [Fact]
    public void ToUtf8_AfterRecordCleaner_GivesTheCleanedRowFormat()
    {
        var json = """{"index":5,"title":"Untitled","follower_count":"6M","save_location":"Local save in /data/art","downloaded":1}"""u8;

        var row = RecordCleaner.Clean(RecordKind.Pin, json).Cleaned.Single().Row;

        Text(row).Should().Be(
            "{\"ind\":5,\"unique_id\":null,\"title\":\"Untitled\",\"description\":null,\"follower_count\":6000000,"
            + "\"poster_name\":null,\"tag_list\":null,\"is_image_or_video\":null,\"image_src\":null,"
            + "\"save_location\":\"/data/art\",\"category\":null}");
    }

    private static string Text(object row) => Encoding.UTF8.GetString(CleanedRowJson.ToUtf8(row));
}
