using System.Text;

namespace Pinterest.Modular.Tests.Integration.Api;

/// <summary>One malformed request: why it is malformed, where it goes, its content type (null: none) and its body.</summary>
public sealed record FuzzCase(string Category, HttpMethod Method, string Path, string? ContentType, byte[] Body)
{
    /// <summary>Enough to reproduce a failure by hand: the category, the request line and the start of the body.</summary>
    public override string ToString()
    {
        var start = Encoding.UTF8.GetString(Body.AsSpan(0, Math.Min(Body.Length, 160)));
        return $"[{Category}] {Method} {Path} ({ContentType ?? "no content type"}, {Body.Length} bytes) {start}";
    }
}

/// <summary>
/// Malformed requests for both ingest APIs from a seeded generator: truncated JSON, wrong types, huge strings where
/// they cannot be valid, deep nesting, wrong content types, invalid UTF-8, empty records, unknown destinations. Each
/// is built from a valid request by one change that makes it invalid, so every one must be refused with a 4xx.
/// </summary>
public static class FuzzCases
{
    public const string RestProxyType = "application/vnd.kafka.json.v2+json";
    public const string KinesisType = "application/json";

    private static readonly string[] Kinds = ["pin", "geo", "user"];

    private static readonly string[] NotRows = ["1", "-7", "\"text\"", "true", "false", "[]", "[1,2]", "[[]]", "{}", "\"\"", "[{}]", "[null]"];

    private static readonly string[] BadKeys = ["\"abc\"", "\"\"", "null", "true", "{}", "[]", "[1]", "1.5", "1e400", "\"1x\"", "99999999999999999999999", "\"--1\""];

    private static readonly string[] BadContainers = ["1", "\"records\"", "{}", "null", "true", "[]"];

    private static readonly string[] BadPartitionKeys = ["1", "\"\"", "null", "{}", "[]", "true"];

    private static readonly string[] RestProxyWrongTypes =
    [
        "text/plain", "application/xml", "application/octet-stream", "application/vnd.kafka.avro.v2+json",
        "application/vnd.kafka.protobuf.v2+json", "application/vnd.kafka.binary.v2+json", "multipart/form-data; boundary=x",
        "application/x-www-form-urlencoded", "json", "/", "application/vnd.kafka.json.v9+json",
    ];

    private static readonly string[] KinesisWrongTypes = ["text/plain", "application/xml", "application/octet-stream", "text/html", "image/png", "x/y"];

    private static readonly byte[][] InvalidUtf8 =
    [
        [0xFF], [0xFE, 0xFF], [0xC0, 0x80], [0xC3], [0xC3, 0x28], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80],
        [0xF8, 0x88, 0x80, 0x80, 0x80], [0x80], [0xE2, 0x82], [0xF0, 0x9F, 0x98],
    ];

    private enum Target
    {
        RestProxy,
        KinesisRecord,
        KinesisRecords,
    }

    public static List<FuzzCase> Generate(int seed, int count)
    {
        var random = new Random(seed);
        var makers = new Func<Random, Target, string, FuzzCase>[]
        {
            Truncated, WrongType, HugeString, DeepNesting, WrongContentType, InvalidUtf8Bytes, EmptyRecords, UnknownDestination,
        };
        var cases = new List<FuzzCase>(count);
        for (var i = 0; i < count; i++)
        {
            var target = (Target)random.Next(3);
            var kind = Kinds[random.Next(Kinds.Length)];
            cases.Add(makers[random.Next(makers.Length)](random, target, kind));
        }

        return cases;
    }

    /// <summary>
    /// Bodies over the server's request size limit (Kestrel's 30,000,000 bytes), one per ingest API: a long string in a
    /// row, else valid, so only the size makes them malformed.
    /// </summary>
    public static IEnumerable<FuzzCase> OverTheSizeLimit()
    {
        var huge = new string('x', 31_000_000);
        var row = Row("pin").Replace("\"Small\"", $"\"{huge}\"", StringComparison.Ordinal);
        yield return Make("over the size limit", Target.RestProxy, "pin", RestProxyType, Produce(row));
        yield return Make("over the size limit", Target.KinesisRecords, "pin", KinesisType, Records([row]));
    }

    /// <summary>A valid row of the kind, with an integer key the ingest check accepts.</summary>
    public static string Row(string kind, long key = 1) => kind switch
    {
        "pin" => $$"""{"index":{{key}},"unique_id":"9bf39437-42a6-4f02-99a0-9a0383d8cd70","title":"Tiny homes","description":"Small","poster_name":"Living Small","follower_count":"6M","tag_list":"home,small","is_image_or_video":"image","image_src":"https://i.pinimg.com/originals/aa/bb/cc/0123456789abcdef0123456789abcdef.jpg","downloaded":1,"save_location":"Local save in /data/home-decor","category":"home-decor"}""",
        "geo" => $$"""{"ind":{{key}},"timestamp":"2020-08-28 03:52:47","latitude":-45.5,"longitude":120.25,"country":"Chad"}""",
        _ => $$"""{"ind":{{key}},"first_name":"Ann","last_name":"Lee","age":33,"date_joined":"2016-01-02 03:04:05"}""",
    };

    /// <summary>The valid request the cases are made from.</summary>
    public static FuzzCase Valid(string kind, bool stream) => stream
        ? Make("valid", Target.KinesisRecord, kind, KinesisType, OneRecord(kind, Row(kind), "\"partition-1\""))
        : Make("valid", Target.RestProxy, kind, RestProxyType, Produce(Row(kind)));

    private static FuzzCase Truncated(Random random, Target target, string kind)
    {
        var body = Encoding.UTF8.GetBytes(ValidBody(target, kind));
        return Make("truncated JSON", target, kind, TypeOf(target), body[..random.Next(body.Length)]);
    }

    private static FuzzCase WrongType(Random random, Target target, string kind)
    {
        var key = KeyOf(kind);
        var badRow = Row(kind).Replace($"\"{key}\":1", $"\"{key}\":{Pick(random, BadKeys)}", StringComparison.Ordinal);
        var body = (target, random.Next(5)) switch
        {
            (_, 0) => Pick(random, BadContainers),
            (Target.KinesisRecord, 1) => OneRecord(kind, Pick(random, NotRows), "\"p\""),
            (Target.KinesisRecord, 2) => OneRecord(kind, Row(kind), Pick(random, BadPartitionKeys)),
            (Target.KinesisRecord, _) => OneRecord(kind, badRow, "\"p\""),
            (Target.KinesisRecords, 1) => $$"""{"records":{{Pick(random, BadContainers)}}}""",
            (Target.KinesisRecords, 2) => $$"""{"records":[{"data":{{Row(kind)}},"partition-key":{{Pick(random, BadPartitionKeys)}}}]}""",
            (Target.KinesisRecords, 3) => Records(Enumerable.Repeat(Row(kind), 501)),
            (Target.KinesisRecords, _) => Records([Row(kind), badRow]),
            (_, 1) => $$"""{"records":{{Pick(random, BadContainers)}}}""",
            (_, 2) => $$"""{"records":[{"value":{{Row(kind)}},"partition":{{Pick(random, ["\"0\"", "-1", "1.5", "2147483648", "{}", "true"])}}}]}""",
            (_, 3) => Produce(Pick(random, NotRows)),
            _ => Produce(Row(kind), badRow),
        };
        return Make("wrong types", target, kind, TypeOf(target), body);
    }

    /// <summary>Huge strings only where no size is valid: the key, the partition key, Kinesis' 1 MiB data limit.</summary>
    private static FuzzCase HugeString(Random random, Target target, string kind)
    {
        var size = random.Next(16 * 1024, 1200 * 1024);
        var digits = new string('9', size);
        var body = target switch
        {
            Target.KinesisRecord when random.Next(2) == 0 => OneRecord(kind, Row(kind), $"\"{new string('k', size)}\""),
            Target.KinesisRecord => OneRecord(kind, Row(kind).Replace("\"Ann\"", $"\"{new string('a', 1024 * 1024 + size)}\"", StringComparison.Ordinal)
                .Replace("\"Chad\"", $"\"{new string('c', 1024 * 1024 + size)}\"", StringComparison.Ordinal)
                .Replace("\"Small\"", $"\"{new string('s', 1024 * 1024 + size)}\"", StringComparison.Ordinal), "\"p\""),
            Target.KinesisRecords => $$"""{"records":[{"data":{{Row(kind)}},"partition-key":"{{new string('k', size)}}"}]}""",
            _ => Produce(Row(kind).Replace($"\"{KeyOf(kind)}\":1", $"\"{KeyOf(kind)}\":\"{digits}\"", StringComparison.Ordinal)),
        };
        return Make("huge strings", target, kind, TypeOf(target), body);
    }

    private static FuzzCase DeepNesting(Random random, Target target, string kind)
    {
        var depth = random.Next(65, 20_000);
        var (open, close) = random.Next(2) == 0 ? ("[", "]") : ("{\"a\":", "}");
        var nested = string.Concat(Enumerable.Repeat(open, depth)) + "1" + (random.Next(2) == 0 ? string.Concat(Enumerable.Repeat(close, depth)) : string.Empty);
        var body = (target, random.Next(2)) switch
        {
            (_, 0) => nested,
            (Target.RestProxy, _) => Produce(nested),
            _ => OneRecord(kind, nested, "\"p\"").Replace("\"Data\"", target == Target.KinesisRecords ? "\"records\"" : "\"Data\"", StringComparison.Ordinal),
        };
        return Make("deep nesting", target, kind, TypeOf(target), body);
    }

    private static FuzzCase WrongContentType(Random random, Target target, string kind)
    {
        var type = target == Target.RestProxy
            ? (random.Next(8) == 0 ? null : Pick(random, RestProxyWrongTypes))
            : Pick(random, KinesisWrongTypes);
        return Make("wrong content type", target, kind, type, Encoding.UTF8.GetBytes(ValidBody(target, kind)));
    }

    /// <summary>Invalid UTF-8 inside a string of an otherwise valid body: a value, the key, a property name.</summary>
    private static FuzzCase InvalidUtf8Bytes(Random random, Target target, string kind)
    {
        var body = ValidBody(target, kind);
        var anchors = new[] { "\"Tiny", "\"Chad", "\"Ann", $"\"{KeyOf(kind)}", "\"partition-1", "\"records" }.Where(a => body.Contains(a, StringComparison.Ordinal)).ToArray();
        var at = body.IndexOf(Pick(random, anchors), StringComparison.Ordinal) + 1;
        var bytes = Encoding.UTF8.GetBytes(body[..at]).Concat(Pick(random, InvalidUtf8)).Concat(Encoding.UTF8.GetBytes(body[at..])).ToArray();
        return Make("invalid UTF-8", target, kind, TypeOf(target), bytes);
    }

    private static FuzzCase EmptyRecords(Random random, Target target, string kind)
    {
        string[] bodies = target switch
        {
            Target.RestProxy => ["", " ", "{}", """{"records":[]}""", """{"records":[{}]}""", """{"records":[{"value":{}}]}""", """{"records":[{"value":null}]}""", """{"records":[{"value":[]}]}""", """{"records":[{"value":""}]}""", """{"records":[{"key":"k"}]}"""],
            Target.KinesisRecord => ["", "{}", """{"Data":{},"PartitionKey":"p"}""", """{"PartitionKey":"p"}""", """{"Data":null,"PartitionKey":"p"}""", """{"Data":"","PartitionKey":"p"}""", """{"Data":[],"PartitionKey":"p"}"""],
            _ => ["", "{}", """{"records":[]}""", """{"records":[{}]}""", """{"records":[{"data":{},"partition-key":"p"}]}""", """{"records":[{"partition-key":"p"}]}""", """{"Records":[]}"""],
        };
        return Make("empty records", target, kind, TypeOf(target), Pick(random, bodies));
    }

    /// <summary>A valid body sent where no destination is: an unknown kind, or a topic's name on the stream API and back.</summary>
    private static FuzzCase UnknownDestination(Random random, Target target, string kind)
    {
        string[] names = target == Target.RestProxy
            ? ["pinterest.board", $"streaming-pinterest-{kind}", "pinterest", $"PINTEREST.{kind.ToUpperInvariant()}", $"pinterest.{kind}.x"]
            : ["streaming-pinterest-board", $"pinterest.{kind}", $"streaming-pinterest-{kind}-", "x"];
        var name = Pick(random, names);
        var path = target switch
        {
            Target.RestProxy => random.Next(3) == 0 ? $"topics/pinterest.{kind}/partitions/{random.Next(1, 1000)}" : $"topics/{name}",
            Target.KinesisRecord => $"streams/{name}/record",
            _ => $"streams/{name}/records",
        };
        return new FuzzCase("unknown destination", MethodOf(target), path, TypeOf(target), Encoding.UTF8.GetBytes(ValidBody(target, kind)));
    }

    private static string ValidBody(Target target, string kind) => target switch
    {
        Target.RestProxy => Produce(Row(kind)),
        Target.KinesisRecord => OneRecord(kind, Row(kind), "\"partition-1\""),
        _ => Records([Row(kind)]),
    };

    private static string Produce(params string[] values) => $$"""{"records":[{{string.Join(',', values.Select(v => $$"""{"value":{{v}}}"""))}}]}""";

    private static string OneRecord(string kind, string data, string partitionKey) =>
        $$"""{"StreamName":"streaming-pinterest-{{kind}}","Data":{{data}},"PartitionKey":{{partitionKey}}}""";

    private static string Records(IEnumerable<string> rows) =>
        $$"""{"records":[{{string.Join(',', rows.Select(r => $$"""{"data":{{r}},"partition-key":"partition-1"}"""))}}]}""";

    private static string KeyOf(string kind) => kind == "pin" ? "index" : "ind";

    private static FuzzCase Make(string category, Target target, string kind, string? contentType, string body) =>
        Make(category, target, kind, contentType, Encoding.UTF8.GetBytes(body));

    private static FuzzCase Make(string category, Target target, string kind, string? contentType, byte[] body) => new(
        category,
        MethodOf(target),
        target switch
        {
            Target.RestProxy => $"topics/pinterest.{kind}",
            Target.KinesisRecord => $"streams/streaming-pinterest-{kind}/record",
            _ => $"streams/streaming-pinterest-{kind}/records",
        },
        contentType,
        body);

    private static HttpMethod MethodOf(Target target) => target == Target.RestProxy ? HttpMethod.Post : HttpMethod.Put;

    private static string TypeOf(Target target) => target == Target.RestProxy ? RestProxyType : KinesisType;

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
