namespace Pinterest.Modular.Tests.Integration.Api;

/// <summary>
/// The Kinesis proxy's stream methods: list, describe, create and delete. Streams are the route table's stream
/// destinations, so create and delete answer as Kinesis does for a stream that exists or does not.
/// </summary>
public sealed class KinesisProxyStreamsTests(IngestServerFixture fixture) : IClassFixture<IngestServerFixture>
{
    private readonly HttpClient _client = fixture.Server.Client;

    [Fact]
    public async Task ListStreams_ListsThePinGeoAndUserStreams()
    {
        var answer = await HttpExchange.SendAsync(_client, HttpMethod.Get, "streams");

        answer.ShouldBeOk(
            IngestAnswers.KinesisJson,
            """{"StreamNames":["streaming-0eb84f80c29b-pin","streaming-0eb84f80c29b-geo","streaming-0eb84f80c29b-user"],"HasMoreStreams":false}""");
    }

    [Fact]
    public async Task DescribeStream_AnswersOneActiveShardOverTheWholeHashRange()
    {
        var answer = await HttpExchange.SendAsync(_client, HttpMethod.Get, $"streams/{EmulatorPayloads.GeoStream}");

        answer.ShouldBeOk(
            IngestAnswers.KinesisJson,
            """{"StreamDescription":{"StreamName":"streaming-0eb84f80c29b-geo","StreamARN":"arn:aws:kinesis:local:000000000000:stream/streaming-0eb84f80c29b-geo","StreamStatus":"ACTIVE","Shards":[{"ShardId":"shardId-000000000000","HashKeyRange":{"StartingHashKey":"0","EndingHashKey":"340282366920938463463374607431768211455"},"SequenceNumberRange":{"StartingSequenceNumber":"0"}}],"HasMoreShards":false,"RetentionPeriodHours":24,"EncryptionType":"NONE"}}""");
    }

    [Theory]
    [InlineData("streaming-0eb84f80c29b-pins")]
    [InlineData(EmulatorPayloads.PinTopic)]
    public async Task DescribeStream_Unknown_AnswersResourceNotFound(string stream)
    {
        var answer = await HttpExchange.SendAsync(_client, HttpMethod.Get, $"streams/{stream}");

        answer.ShouldBeKinesisError("ResourceNotFoundException", $"Stream {stream} not found.");
    }

    [Fact]
    public async Task CreateStream_ThatExists_AnswersResourceInUse()
    {
        var answer = await HttpExchange.SendAsync(_client, HttpMethod.Post, $"streams/{EmulatorPayloads.PinStream}", EmulatorPayloads.Json, """{"ShardCount": 1}""");

        answer.ShouldBeKinesisError("ResourceInUseException", $"Stream {EmulatorPayloads.PinStream} already exists.");
    }

    [Fact]
    public async Task CreateStream_Unknown_AnswersInvalidArgumentNamingThePipelinesStreams()
    {
        var answer = await HttpExchange.SendAsync(_client, HttpMethod.Post, "streams/my-new-stream", EmulatorPayloads.Json, """{"ShardCount": 5}""");

        answer.ShouldBeKinesisError(
            "InvalidArgumentException", "my-new-stream", EmulatorPayloads.PinStream, EmulatorPayloads.GeoStream, EmulatorPayloads.UserStream);
    }

    [Fact]
    public async Task DeleteStream_ThatIsARoute_AnswersResourceInUseNamingTheSetting()
    {
        var answer = await HttpExchange.SendAsync(_client, HttpMethod.Delete, $"streams/{EmulatorPayloads.UserStream}", EmulatorPayloads.Json, "{}");

        answer.ShouldBeKinesisError("ResourceInUseException", EmulatorPayloads.UserStream, "Pipeline:Routes:user");
    }

    [Fact]
    public async Task DeleteStream_Unknown_AnswersResourceNotFound()
    {
        var answer = await HttpExchange.SendAsync(_client, HttpMethod.Delete, "streams/my-old-stream");

        answer.ShouldBeKinesisError("ResourceNotFoundException", "Stream my-old-stream not found.");
    }

    [Fact]
    public async Task DeleteStream_Refused_LeavesTheStreamActive()
    {
        await HttpExchange.SendAsync(_client, HttpMethod.Delete, $"streams/{EmulatorPayloads.GeoStream}");

        var answer = await HttpExchange.SendAsync(_client, HttpMethod.Get, $"streams/{EmulatorPayloads.GeoStream}");

        answer.Body.Should().Contain("\"StreamStatus\":\"ACTIVE\"", "a refused delete leaves the stream as it was");
    }
}
