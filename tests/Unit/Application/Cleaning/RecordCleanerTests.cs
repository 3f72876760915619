using System.Text;
using Pinterest.Modular.Application.Cleaning;
using Pinterest.Modular.Domain.Common;
using Pinterest.Modular.Domain.Geo;
using Pinterest.Modular.Domain.Pins;
using Pinterest.Modular.Domain.Users;

namespace Pinterest.Modular.Tests.Unit.Application.Cleaning;

public class RecordCleanerTests
{
    private const string PinRow = """
        {"index":7528,"unique_id":"fbe53c66-3442-4773-b19e-d3ec6f54dddf","title":"No Title Data Available",
         "description":"No description available Story format","poster_name":"User Info Error",
         "follower_count":"User Info Error","tag_list":"N,o, ,T,a,g,s, ,A,v,a,i,l,a,b,l,e",
         "is_image_or_video":"multi-video(story page format)","image_src":"Image src error.","downloaded":0,
         "save_location":"Local save in /data/mens-fashion","category":"mens-fashion"}
        """;

    private const string GeoRow =
        """{"ind":7528,"timestamp":"2020-08-28 03:52:47","latitude":-89.9787,"longitude":-173.293,"country":"Albania"}""";

    private const string UserRow =
        """{"ind":7528,"first_name":"Abigail","last_name":"Ali","age":20,"date_joined":"2015-10-24 11:23:51"}""";

    [Fact]
    public void Clean_WhenValueIsOnePinObject_CleansOneRowWithoutPosition()
    {
        var outcome = Clean(RecordKind.Pin, PinRow);

        outcome.Rejected.Should().BeEmpty();
        var row = outcome.Cleaned.Should().ContainSingle().Subject;
        row.Kind.Should().Be(RecordKind.Pin);
        row.Position.Should().BeNull();
        row.SourceOf("0eb84f80c29b.pin/0/41").Should().Be("0eb84f80c29b.pin/0/41");
        row.Row.Should().Be(new Pin(
            7528, "fbe53c66-3442-4773-b19e-d3ec6f54dddf", null, null, null, null, null,
            "multi-video(story page format)", null, "/data/mens-fashion", "mens-fashion"));
    }

    [Fact]
    public void Clean_WhenValueIsOneGeoObject_CleansIt()
    {
        var outcome = Clean(RecordKind.Geo, GeoRow);

        outcome.Cleaned.Should().ContainSingle().Which.Row.Should().Be(new GeoLocation(
            7528, "Albania", new Coordinates(-89.9787, -173.293), new DateTime(2020, 8, 28, 3, 52, 47, DateTimeKind.Utc)));
    }

    [Fact]
    public void Clean_WhenValueIsOneUserObject_CleansIt()
    {
        var outcome = Clean(RecordKind.User, UserRow);

        outcome.Cleaned.Should().ContainSingle().Which.Row.Should().Be(new User(
            7528, "Abigail Ali", 20, new DateTime(2015, 10, 24, 11, 23, 51, DateTimeKind.Utc)));
    }

    [Fact]
    public void Clean_WhenNumbersAreSentAsStrings_AcceptsThem()
    {
        var outcome = Clean(
            RecordKind.Geo,
            """{"ind":"12","timestamp":"2020-08-28T03:52:47Z","latitude":"-34.5","longitude":"151.2","country":"Australia"}""");

        outcome.Cleaned.Should().ContainSingle().Which.Row.Should().Be(new GeoLocation(
            12, "Australia", new Coordinates(-34.5, 151.2), new DateTime(2020, 8, 28, 3, 52, 47, DateTimeKind.Utc)));
    }

    [Fact]
    public void Clean_WhenFollowerCountIsANumber_ReadsItsDigits()
    {
        var outcome = Clean(RecordKind.Pin, """{"index":1,"follower_count":437}""");

        ((Pin)outcome.Cleaned.Single().Row).FollowerCount.Should().Be(437);
    }

    [Fact]
    public void Clean_WhenAValueIsDroppedToNull_ReportsTheIssueWithTheRow()
    {
        var outcome = Clean(RecordKind.Pin, """{"index":1,"follower_count":"12x"}""");

        var row = outcome.Cleaned.Should().ContainSingle().Subject;
        row.Issues.Should().Equal(new ValueIssue("follower_count", "'12x' is not a follower count"));
        outcome.IssueCount.Should().Be(1);
    }

    [Fact]
    public void Clean_WhenValueIsAnArrayOfRows_CleansEachWithItsPosition()
    {
        var json = $"[{UserRow},{UserRow.Replace("7528", "7529", StringComparison.Ordinal)}, {UserRow.Replace("7528", "7530", StringComparison.Ordinal)}]";

        var outcome = Clean(RecordKind.User, json);

        outcome.Rejected.Should().BeEmpty();
        outcome.Cleaned.Select(r => r.Position).Should().Equal(0, 1, 2);
        outcome.Cleaned.Select(r => ((User)r.Row).Ind).Should().Equal(7528, 7529, 7530);
        outcome.Cleaned[2].SourceOf("streaming-x-user/shardId-000000000000/49").Should()
            .Be("streaming-x-user/shardId-000000000000/49#2");
    }

    [Fact]
    public void Clean_WhenOneRowOfAnArrayIsBad_RejectsOnlyThatRowWithItsOwnJson()
    {
        const string bad = """{"ind":2,"latitude":95.5,"longitude":0}""";
        var json = $"[{GeoRow}, {bad} ,{GeoRow}]";

        var outcome = Clean(RecordKind.Geo, json);

        outcome.Cleaned.Select(r => r.Position).Should().Equal(0, 2);
        var rejected = outcome.Rejected.Should().ContainSingle().Subject;
        rejected.Position.Should().Be(1);
        rejected.RawJson.Should().Be(bad);
        rejected.Reason.Should().Be("latitude '95.5' is outside -90..90");
        rejected.SourceOf("t/0/3").Should().Be("t/0/3#1");
    }

    [Fact]
    public void Clean_WhenARowHasAnObjectForAField_RejectsItNamingTheField()
    {
        const string json = """{"index":1,"title":{"text":"x"}}""";

        var outcome = Clean(RecordKind.Pin, json);

        outcome.Cleaned.Should().BeEmpty();
        var rejected = outcome.Rejected.Should().ContainSingle().Subject;
        rejected.Should().Be(new RejectedRow(RecordKind.Pin, json, "title must be a string or number, not an object", null));
    }

    [Fact]
    public void Clean_WhenSingleRowIsRejected_KeepsTheWholeValueAsItsJson()
    {
        const string json = """ {"first_name":"Abigail"} """;

        var outcome = Clean(RecordKind.User, json);

        outcome.Rejected.Should().Equal(new RejectedRow(RecordKind.User, json, "ind is missing", null));
    }

    [Theory]
    [InlineData("42", "a number")]
    [InlineData("\"text\"", "a string")]
    [InlineData("null", "null")]
    [InlineData("true", "a boolean")]
    public void Clean_WhenValueIsAScalar_RejectsTheRecord(string json, string what)
    {
        var outcome = Clean(RecordKind.Pin, json);

        outcome.Cleaned.Should().BeEmpty();
        outcome.Rejected.Should().Equal(new RejectedRow(RecordKind.Pin, json, $"{RecordCleaner.NotRowsReason}, not {what}", null));
    }

    [Theory]
    [InlineData("[{\"ind\":1},42]", "42", "a number")]
    [InlineData("[{\"ind\":1},\"x\"]", "\"x\"", "a string")]
    [InlineData("[{\"ind\":1},null]", "null", "null")]
    [InlineData("[{\"ind\":1},[{\"ind\":2}]]", "[{\"ind\":2}]", "an array")]
    public void Clean_WhenArrayHoldsANonObject_RejectsThatItem(string json, string itemJson, string what)
    {
        var outcome = Clean(RecordKind.Geo, json);

        outcome.Cleaned.Should().ContainSingle().Which.Position.Should().Be(0);
        outcome.Rejected.Should().Equal(new RejectedRow(
            RecordKind.Geo, itemJson, $"{RecordCleaner.NotRowsReason}, but item 1 is {what}", 1));
    }

    [Fact]
    public void Clean_WhenArrayIsEmpty_RejectsTheRecordRatherThanDroppingIt()
    {
        var outcome = Clean(RecordKind.Geo, "[ ]");

        outcome.Cleaned.Should().BeEmpty();
        outcome.Rejected.Should().Equal(new RejectedRow(RecordKind.Geo, "[ ]", "value is an empty array: no rows", null));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("{\"ind\":")]
    [InlineData("{ind:1}")]
    [InlineData("{'ind':1}")]
    [InlineData("{\"ind\":1,}")]
    [InlineData("{\"ind\":1} trailing")]
    [InlineData("{\"ind\":1}{\"ind\":2}")]
    [InlineData("[{\"ind\":1},{\"ind\":2}")]
    [InlineData("[{\"ind\":1},{\"ind\":2},oops]")]
    [InlineData("{\"ind\":1 // comment\n}")]
    public void Clean_WhenValueIsNotValidJson_RejectsTheWholeRecord(string json)
    {
        var outcome = Clean(RecordKind.User, json);

        outcome.Cleaned.Should().BeEmpty();
        var rejected = outcome.Rejected.Should().ContainSingle().Subject;
        rejected.Position.Should().BeNull();
        rejected.RawJson.Should().Be(json);
        rejected.Reason.Should().StartWith("not valid JSON: ");
    }

    [Fact]
    public void Clean_WhenAStringIsNotValidUtf8_RejectsTheRecord()
    {
        byte[] json = [.. """{"ind":1,"country":" """u8, 0xFF, 0xFE, .. "\"}"u8];

        var outcome = RecordCleaner.Clean(RecordKind.Geo, json);

        outcome.Cleaned.Should().BeEmpty();
        outcome.Rejected.Should().ContainSingle().Which.Reason.Should().StartWith("not valid JSON: ");
    }

    [Fact]
    public void Clean_WhenValueStartsWithAByteOrderMark_IgnoresIt()
    {
        byte[] json = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(UserRow)];

        var outcome = RecordCleaner.Clean(RecordKind.User, json);

        outcome.Cleaned.Should().ContainSingle();
    }

    [Fact]
    public void Clean_WhenRowsAreNested_KeepsEachRejectedItemsTextExact()
    {
        const string bad = """{ "index" : "abc", "extra" : {"nested": [1, 2, {"deep": true}]} }""";
        var json = $"""[ {bad} , {PinRow} ]""";

        var outcome = Clean(RecordKind.Pin, json);

        outcome.Cleaned.Should().ContainSingle().Which.Position.Should().Be(1);
        outcome.Rejected.Should().Equal(new RejectedRow(RecordKind.Pin, bad, "index 'abc' is not an integer", 0));
    }

    private static CleanOutcome Clean(RecordKind kind, string json) => RecordCleaner.Clean(kind, Encoding.UTF8.GetBytes(json));
}
