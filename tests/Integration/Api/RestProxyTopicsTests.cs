namespace Pinterest.Modular.Tests.Integration.Api;

/// <summary>REST proxy v2 metadata: the topics are the route table's batch destinations.</summary>
public sealed class RestProxyTopicsTests(IngestServerFixture fixture) : IClassFixture<IngestServerFixture>
{
    private readonly HttpClient _client = fixture.Server.Client;

    [Fact]
    public async Task GetTopics_ListsThePinGeoAndUserTopics()
    {
        var answer = await HttpExchange.SendAsync(_client, HttpMethod.Get, "topics");

        answer.ShouldBeOk(IngestAnswers.KafkaV2, """["0eb84f80c29b.pin","0eb84f80c29b.geo","0eb84f80c29b.user"]""");
    }

    [Theory]
    [InlineData(EmulatorPayloads.PinTopic)]
    [InlineData(EmulatorPayloads.UserTopic)]
    public async Task GetTopic_DescribesItsPartitions(string topic)
    {
        var answer = await HttpExchange.SendAsync(_client, HttpMethod.Get, $"topics/{topic}");

        answer.ShouldBeOk(
            IngestAnswers.KafkaV2,
            $$"""{"name":"{{topic}}","configs":{},"partitions":[{"partition":0,"leader":1,"replicas":[{"broker":1,"leader":true,"in_sync":true}]}]}""");
    }

    [Fact]
    public async Task GetTopics_WithAKindClosedToTheBatchRoute_LeavesItsTopicOut()
    {
        await using var server = await ApiServer.StartAsync(EmulatorPayloads.Settings(("Pipeline:Routes:geo", "Stream")));

        var topics = await HttpExchange.SendAsync(server.Client, HttpMethod.Get, "topics");
        var produce = await HttpExchange.SendAsync(
            server.Client, HttpMethod.Post, $"topics/{EmulatorPayloads.GeoTopic}", EmulatorPayloads.KafkaJson, EmulatorPayloads.Produce(EmulatorPayloads.Geo));

        topics.ShouldBeOk(IngestAnswers.KafkaV2, """["0eb84f80c29b.pin","0eb84f80c29b.user"]""");
        produce.ShouldBeRestProxyError(System.Net.HttpStatusCode.NotFound, 40401, EmulatorPayloads.GeoTopic);
    }
}
