using System.Text;
using System.Text.Json;
using Pinterest.Modular.Application.Kinds;
using Pinterest.Modular.Application.Cleaning;
using Pinterest.Modular.Domain.Geo;
using Pinterest.Modular.Domain.Pins;
using Pinterest.Modular.Domain.Users;

namespace Pinterest.Modular.Tests.Unit.Application.Cleaning;

/// <summary>Every case runs through both entry points: the streaming reader and a parsed element.</summary>
public class RawRowReaderTests
{
    public enum Source
    {
        Utf8Reader,
        Element,
    }

    public static TheoryData<Source, string, string?> TitleValues => Cross(
        ("\"Ring Lights\"", "Ring Lights"),
        ("\"\"", ""),
        ("\"cut\\u2026\\u00a0\"", "cut…\u00A0"),
        ("\"Cote d'Ivoire \\\"CI\\\"\"", "Cote d'Ivoire \"CI\""),
        ("123", "123"),
        ("-34.50", "-34.50"),
        ("1e-3", "1e-3"),
        ("123.0", "123.0"),
        ("true", "true"),
        ("false", "false"),
        ("null", null));

    public static TheoryData<Source, string, string> NonScalarValues => Cross(
        ("{\"a\":1}", "title must be a string or number, not an object"),
        ("{}", "title must be a string or number, not an object"),
        ("[1,2]", "title must be a string or number, not an array"),
        ("[]", "title must be a string or number, not an array"));

    public static TheoryData<Source> Sources => [Source.Utf8Reader, Source.Element];

    [Theory]
    [MemberData(nameof(TitleValues))]
    public void TryReadPin_WhenFieldIsAScalar_KeepsItsWireText(Source source, string jsonValue, string? expected)
    {
        var (pin, error) = ReadPin(source, $$"""{"index":1,"title":{{jsonValue}}}""");

        error.Should().BeNull();
        pin!.Title.Should().Be(expected);
    }

    [Theory]
    [MemberData(nameof(NonScalarValues))]
    public void TryReadPin_WhenFieldIsObjectOrArray_FailsNamingTheField(Source source, string jsonValue, string reason)
    {
        var (pin, error) = ReadPin(source, $$"""{"index":1,"title":{{jsonValue}},"category":"art"}""");

        pin.Should().BeNull();
        error.Should().Be(reason);
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public void TryReadPin_WhenEveryFieldIsPresent_MapsEachSourceColumn(Source source)
    {
        const string json = """
            {"index":7528,"unique_id":"fbe53c66","title":"T","description":"D","poster_name":"P",
             "follower_count":"124k","tag_list":"a,b","is_image_or_video":"image","image_src":"https://x/y.jpg",
             "downloaded":1,"save_location":"Local save in /data/art","category":"art"}
            """;

        var (pin, error) = ReadPin(source, json);

        error.Should().BeNull();
        pin.Should().Be(new RawPin(
            "7528", "fbe53c66", "T", "D", "P", "124k", "a,b", "image", "https://x/y.jpg", "1", "Local save in /data/art", "art"));
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public void TryReadPin_WhenFieldsAreMissing_LeavesThemNull(Source source)
    {
        var (pin, error) = ReadPin(source, "{}");

        error.Should().BeNull();
        pin.Should().Be(new RawPin(null, null, null, null, null, null, null, null, null, null, null, null));
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public void TryReadPin_WhenUnknownFieldsArePresent_IgnoresThem(Source source)
    {
        var (pin, error) = ReadPin(source, """{"extra":{"title":"inner"},"index":3,"more":[1,{"a":2}],"Title":"case differs"}""");

        error.Should().BeNull();
        pin!.Index.Should().Be("3");
        pin.Title.Should().BeNull();
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public void TryReadPin_WhenPropertyNameIsEscaped_MatchesIt(Source source)
    {
        var (pin, _) = ReadPin(source, """{"\u0069ndex":9}""");

        pin!.Index.Should().Be("9");
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public void TryReadPin_WhenFieldIsRepeated_KeepsTheLast(Source source)
    {
        var (pin, _) = ReadPin(source, """{"index":1,"index":2}""");

        pin!.Index.Should().Be("2");
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public void TryReadPin_WhenRowIsNotAnObject_Fails(Source source)
    {
        var (pin, error) = ReadPin(source, "[{\"index\":1}]");

        pin.Should().BeNull();
        error.Should().Be("row must be a JSON object, not an array");
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public void TryReadGeo_WhenEveryFieldIsPresent_MapsEachSourceColumn(Source source)
    {
        const string json = """{"ind":7528,"timestamp":"2020-08-28 03:52:47","latitude":-89.9787,"longitude":"-173.293","country":"Albania"}""";

        var geo = source == Source.Utf8Reader
            ? WithReader(json, (ref Utf8JsonReader r) => (GeoKind.Instance.TryRead(ref r, out var g, out _), g)).Item2
            : WithElement(json, e => GeoKind.Instance.TryRead(e, out var g, out _) ? g : null);

        geo.Should().Be(new RawGeo("7528", "2020-08-28 03:52:47", "-89.9787", "-173.293", "Albania"));
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public void TryReadUser_WhenEveryFieldIsPresent_MapsEachSourceColumn(Source source)
    {
        const string json = """{"ind":7528,"first_name":"Abigail","last_name":"Ali","age":20,"date_joined":"2015-10-24 11:23:51"}""";

        var user = source == Source.Utf8Reader
            ? WithReader(json, (ref Utf8JsonReader r) => (UserKind.Instance.TryRead(ref r, out var u, out _), u)).Item2
            : WithElement(json, e => UserKind.Instance.TryRead(e, out var u, out _) ? u : null);

        user.Should().Be(new RawUser("7528", "Abigail", "Ali", "20", "2015-10-24 11:23:51"));
    }

    [Fact]
    public void TryReadPin_WhenAFieldFails_LeavesTheReaderOnTheRowsEnd()
    {
        var reader = new Utf8JsonReader("""[{"index":1,"title":{"x":[1]},"category":"art"},{"index":2}]"""u8);
        reader.Read();
        reader.Read();

        PinKind.Instance.TryRead(ref reader, out _, out _).Should().BeFalse();

        reader.TokenType.Should().Be(JsonTokenType.EndObject);
        reader.Read();
        PinKind.Instance.TryRead(ref reader, out var next, out _).Should().BeTrue();
        next!.Index.Should().Be("2");
    }

    [Fact]
    public void SourceColumns_EachKind_ListsTheSourceColumnsOfSpecSection1()
    {
        PinKind.Instance.Source.ColumnNames.Should().Equal(
            "index", "unique_id", "title", "description", "poster_name", "follower_count", "tag_list",
            "is_image_or_video", "image_src", "downloaded", "save_location", "category");
        GeoKind.Instance.Source.ColumnNames.Should().Equal(
            "ind", "timestamp", "latitude", "longitude", "country");
        UserKind.Instance.Source.ColumnNames.Should().Equal(
            "ind", "first_name", "last_name", "age", "date_joined");
    }

    private delegate T ReaderFunc<T>(ref Utf8JsonReader reader);

    private static (RawPin? Pin, string? Error) ReadPin(Source source, string json) => source == Source.Utf8Reader
        ? WithReader(json, (ref Utf8JsonReader r) =>
        {
            var ok = PinKind.Instance.TryRead(ref r, out var pin, out var error);
            ok.Should().Be(pin is not null);
            return (pin, error);
        })
        : WithElement(json, e =>
        {
            var ok = PinKind.Instance.TryRead(e, out var pin, out var error);
            ok.Should().Be(pin is not null);
            return (pin, error);
        });

    private static T WithReader<T>(string json, ReaderFunc<T> read)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        var result = read(ref reader);
        var endToken = json.TrimStart()[0] == '{' ? JsonTokenType.EndObject : JsonTokenType.EndArray;
        reader.TokenType.Should().Be(endToken, "the reader must end on the row's last token");
        reader.Read().Should().BeFalse();
        return result;
    }

    private static T WithElement<T>(string json, Func<JsonElement, T> read)
    {
        using var document = JsonDocument.Parse(json);
        return read(document.RootElement);
    }

    private static TheoryData<Source, string, TExpected> Cross<TExpected>(params (string Json, TExpected Expected)[] cases)
    {
        var data = new TheoryData<Source, string, TExpected>();
        foreach (var source in new[] { Source.Utf8Reader, Source.Element })
        {
            foreach (var (json, expected) in cases)
            {
                data.Add(source, json, expected);
            }
        }

        return data;
    }
}
