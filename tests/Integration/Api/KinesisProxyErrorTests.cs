using System.Net;

namespace Pinterest.Modular.Tests.Integration.Api;

/// <summary>
/// The Kinesis proxy's error dialect, <c>{"__type":"...","message":"..."}</c> with 400: every bad request says what was
/// wrong and which field, never a 500. Nothing here is accepted, so the tests share one server.
/// </summary>
public sealed class KinesisProxyErrorTests(IngestServerFixture fixture) : IClassFixture<IngestServerFixture>
{
    private readonly HttpClient _client = fixture.Server.Client;

    private Task<HttpExchange> PutRecordAsync(string body, string stream = EmulatorPayloads.GeoStream, string? contentType = EmulatorPayloads.Json) =>
        HttpExchange.SendAsync(_client, HttpMethod.Put, $"streams/{stream}/record", contentType, body);

    private Task<HttpExchange> PutRecordsAsync(string body, string stream = EmulatorPayloads.GeoStream) =>
        HttpExchange.SendAsync(_client, HttpMethod.Put, $"streams/{stream}/records", EmulatorPayloads.Json, body);

    [Theory]
    [InlineData("streaming-0eb84f80c29b-geos")]
    [InlineData(EmulatorPayloads.GeoTopic)]
    public async Task PutRecord_ToAnUnknownStream_AnswersResourceNotFound(string stream)
    {
        var answer = await PutRecordAsync(EmulatorPayloads.PutRecord(stream, EmulatorPayloads.Geo), stream);

        answer.ShouldBeKinesisError("ResourceNotFoundException", $"Stream {stream} not found.");
    }

    [Fact]
    public async Task PutRecords_ToAnUnknownStream_AnswersResourceNotFound()
    {
        var answer = await PutRecordsAsync(EmulatorPayloads.PutRecords(EmulatorPayloads.Geo), "streaming-0eb84f80c29b-geos");

        answer.ShouldBeKinesisError("ResourceNotFoundException", "Stream streaming-0eb84f80c29b-geos not found.");
    }

    [Theory]
    [InlineData("record", """{"StreamName": "s", "Data": {"ind": 1""")]
    [InlineData("record", "Data=1&PartitionKey=p")]
    [InlineData("record", "")]
    [InlineData("records", """{"records": [{"data": {"ind": 1}, "partition-key": "p"},]}""")]
    public async Task Put_MalformedJson_AnswersSerializationException(string method, string body)
    {
        var answer = await HttpExchange.SendAsync(_client, HttpMethod.Put, $"streams/{EmulatorPayloads.GeoStream}/{method}", EmulatorPayloads.Json, body);

        answer.ShouldBeKinesisError("SerializationException", "not valid JSON");
    }

    public static TheoryData<string, string> BadPutRecordBodies => new()
    {
        { """{"StreamName": "s", "Data": {"ind": 1}}""", "PartitionKey" },
        { """{"StreamName": "s", "Data": {"ind": 1}, "PartitionKey": ""}""", "PartitionKey" },
        { """{"StreamName": "s", "Data": {"ind": 1}, "PartitionKey": 7}""", "PartitionKey" },
        { """{"StreamName": "s", "Data": {"ind": 1}, "PartitionKey": null}""", "PartitionKey" },
        { $$"""{"StreamName": "s", "Data": {"ind": 1}, "PartitionKey": "{{new string('k', 257)}}"}""", "PartitionKey" },
        { """{"StreamName": "s", "PartitionKey": "p"}""", "Data is missing" },
        { """{"StreamName": "s", "Data": null, "PartitionKey": "p"}""", "Data is missing" },
        { """{"StreamName": "s", "Data": 42, "PartitionKey": "p"}""", "Data must be" },
        { """{"StreamName": "s", "Data": true, "PartitionKey": "p"}""", "Data must be" },
        { """{"StreamName": "s", "Data": "not base64!", "PartitionKey": "p"}""", "Data must be" },
        { """{"StreamName": "s", "Data": "bm90IGpzb24=", "PartitionKey": "p"}""", "Data" },
        { """{"StreamName": "s", "Data": {"country": "Armenia"}, "PartitionKey": "p"}""", "Data.ind is missing" },
        { """{"StreamName": "s", "Data": {"ind": "abc"}, "PartitionKey": "p"}""", "Data.ind must be an integer" },
        { """{"StreamName": "s", "Data": [], "PartitionKey": "p"}""", "Data is an empty array" },
        { """[{"Data": {"ind": 1}, "PartitionKey": "p"}]""", "JSON object" },
        { "null", "JSON object" },
    };

    [Theory]
    [MemberData(nameof(BadPutRecordBodies))]
    public async Task PutRecord_BadBody_AnswersValidationExceptionNamingTheField(string body, string mention)
    {
        var answer = await PutRecordAsync(body);

        answer.ShouldBeKinesisError("ValidationException", mention);
        answer.StringProperty("message").Should().NotContain("value", "a Kinesis client sent Data, not a REST proxy value");
    }

    public static TheoryData<string, string> BadPutRecordsBodies => new()
    {
        { """{}""", "records" },
        { """{"records": {"data": {"ind": 1}, "partition-key": "p"}}""", "records" },
        { """{"records": []}""", "records has 0 entries" },
        { """{"records": [5]}""", "records[0]" },
        { """{"records": [{"data": {"ind": 1}}]}""", "records[0].partition-key" },
        { """{"records": [{"data": {"ind": 1}, "partition-key": "p"}, {"partition-key": "p"}]}""", "records[1].data is missing" },
        { """{"records": [{"data": {"ind": 1}, "partition-key": "p"}, {"data": 3, "partition-key": "p"}]}""", "records[1].data must be" },
        { """{"records": [{"data": {"ind": 1}, "partition-key": "p"}, {"data": {"ind": 1.5}, "partition-key": "p"}]}""", "records[1].data.ind must be an integer" },
    };

    [Theory]
    [MemberData(nameof(BadPutRecordsBodies))]
    public async Task PutRecords_BadBody_AnswersValidationExceptionNamingTheRecordAndField(string body, string mention)
    {
        var answer = await PutRecordsAsync(body);

        answer.ShouldBeKinesisError("ValidationException", mention);
    }

    [Fact]
    public async Task PutRecords_MoreThan500Records_AnswersValidationException()
    {
        var answer = await PutRecordsAsync(EmulatorPayloads.PutRecords([.. Enumerable.Repeat(EmulatorPayloads.Geo, 501)]));

        answer.ShouldBeKinesisError("ValidationException", "records has 501 entries; 1 to 500");
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task PutRecord_UnsupportedContentType_Answers415(string contentType)
    {
        var answer = await PutRecordAsync(EmulatorPayloads.PutRecord(EmulatorPayloads.GeoStream, EmulatorPayloads.Geo), contentType: contentType);

        answer.ShouldBeKinesisError(HttpStatusCode.UnsupportedMediaType, "UnsupportedMediaTypeException", contentType, "application/json");
    }
}
