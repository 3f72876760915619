using System.Net;

namespace Pinterest.Modular.Tests.Integration.Api;

/// <summary>
/// The REST proxy's error dialect, <c>{"error_code":NNNNN,"message":"..."}</c>: every bad request gets a 4xx that says
/// what was wrong and where, never a 500. Nothing here is accepted, so the tests share one server.
/// </summary>
public sealed class RestProxyErrorTests(IngestServerFixture fixture) : IClassFixture<IngestServerFixture>
{
    private readonly HttpClient _client = fixture.Server.Client;

    private Task<HttpExchange> ProduceAsync(string path, string body, string? contentType = EmulatorPayloads.KafkaJson) =>
        HttpExchange.SendAsync(_client, HttpMethod.Post, path, contentType, body);

    [Theory]
    [InlineData("0eb84f80c29b.pins")]
    [InlineData("pinterest.pin")]
    [InlineData(EmulatorPayloads.PinStream)]
    public async Task Produce_ToAnUnknownTopic_Answers404With40401(string topic)
    {
        var answer = await ProduceAsync($"topics/{topic}", EmulatorPayloads.Produce(EmulatorPayloads.Pin));

        answer.ShouldBeRestProxyError(HttpStatusCode.NotFound, 40401, $"Topic {topic} not found.");
    }

    [Fact]
    public async Task GetTopic_Unknown_Answers404With40401()
    {
        var answer = await HttpExchange.SendAsync(_client, HttpMethod.Get, "topics/0eb84f80c29b.pins");

        answer.ShouldBeRestProxyError(HttpStatusCode.NotFound, 40401, "Topic 0eb84f80c29b.pins not found.");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(-1)]
    public async Task ProduceToPartition_OutOfRange_Answers404With40402(int partition)
    {
        var answer = await ProduceAsync($"topics/{EmulatorPayloads.PinTopic}/partitions/{partition}", EmulatorPayloads.Produce(EmulatorPayloads.Pin));

        answer.ShouldBeRestProxyError(HttpStatusCode.NotFound, 40402, $"Partition {partition} not found", EmulatorPayloads.PinTopic);
    }

    [Fact]
    public async Task Produce_WithARecordPartitionOutOfRange_Answers404With40402()
    {
        var answer = await ProduceAsync(
            $"topics/{EmulatorPayloads.PinTopic}", $$"""{"records": [{"value": {{EmulatorPayloads.Pin}}, "partition": 3}]}""");

        answer.ShouldBeRestProxyError(HttpStatusCode.NotFound, 40402, "Partition 3 not found");
    }

    [Theory]
    [InlineData("""{"records": [{"value": {"index": 1""")]
    [InlineData("""{"records": [{"value": {"index": 1}},]}""")]
    [InlineData("records=1")]
    [InlineData("")]
    [InlineData("""{"records": []} {"records": []}""")]
    public async Task Produce_MalformedJson_Answers400With40001(string body)
    {
        var answer = await ProduceAsync($"topics/{EmulatorPayloads.PinTopic}", body);

        answer.ShouldBeRestProxyError(HttpStatusCode.BadRequest, 40001, "not valid JSON");
    }

    public static TheoryData<string, string> NotTheRecordsShape => new()
    {
        { """{}""", "records" },
        { """[]""", "records" },
        { """null""", "records" },
        { """{"records": []}""", "records" },
        { """{"records": {"value": {"index": 1}}}""", "records" },
        { """{"records": [5]}""", "records[0]" },
        { """{"records": [{"key": "k"}]}""", "records[0].value" },
        { """{"records": [{"value": null}]}""", "records[0].value" },
        { """{"records": [{"value": 5}]}""", "records[0].value" },
        { """{"records": [{"value": "a pin"}]}""", "records[0].value" },
        { """{"records": [{"value": []}]}""", "records[0].value" },
        { """{"records": [{"value": [{"index": 1}, 5]}]}""", "records[0].value[1]" },
        { """{"records": [{"value": {"index": 1}}, {"value": {"title": "no key"}}]}""", "records[1].value.index" },
        { """{"records": [{"value": {"index": "abc"}}]}""", "records[0].value.index" },
        { """{"records": [{"value": {"index": 1.5}}]}""", "records[0].value.index" },
        { """{"records": [{"value": {"index": true}}]}""", "records[0].value.index" },
        { """{"records": [{"value": {"index": null}}]}""", "records[0].value.index" },
        { """{"records": [{"value": {"index": 1}, "partition": -1}]}""", "records[0].partition" },
        { """{"records": [{"value": {"index": 1}, "partition": "0"}]}""", "records[0].partition" },
    };

    [Theory]
    [MemberData(nameof(NotTheRecordsShape))]
    public async Task Produce_NotTheRecordsShape_Answers422With42201NamingTheRecordAndField(string body, string where)
    {
        var answer = await ProduceAsync($"topics/{EmulatorPayloads.PinTopic}", body);

        answer.ShouldBeRestProxyError(HttpStatusCode.UnprocessableEntity, 42201, where);
    }

    [Fact]
    public async Task Produce_GeoRowWithoutItsKey_Answers422NamingInd()
    {
        var answer = await ProduceAsync(
            $"topics/{EmulatorPayloads.GeoTopic}", EmulatorPayloads.Produce(EmulatorPayloads.Geo.Replace("\"ind\": 2863, ", "", StringComparison.Ordinal)));

        answer.ShouldBeRestProxyError(HttpStatusCode.UnprocessableEntity, 42201, "records[0].value.ind is missing");
    }

    [Theory]
    [InlineData("\"not base64!\"")]
    [InlineData("{\"index\": 1}")]
    [InlineData("\"bm90IGpzb24=\"")]
    public async Task Produce_BinaryFormatWithAValueThatIsNotBase64OfARow_Answers422(string value)
    {
        var answer = await ProduceAsync(
            $"topics/{EmulatorPayloads.PinTopic}", $$"""{"records": [{"value": {{value}}}]}""", "application/vnd.kafka.binary.v2+json");

        answer.ShouldBeRestProxyError(HttpStatusCode.UnprocessableEntity, 42201, "records[0].value");
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/vnd.kafka.avro.v2+json")]
    [InlineData(null)]
    public async Task Produce_UnsupportedContentType_Answers415(string? contentType)
    {
        var answer = await ProduceAsync($"topics/{EmulatorPayloads.PinTopic}", EmulatorPayloads.Produce(EmulatorPayloads.Pin), contentType);

        answer.ShouldBeRestProxyError(HttpStatusCode.UnsupportedMediaType, 415, "Unsupported Media Type", "application/vnd.kafka.json.v2+json");
    }
}
