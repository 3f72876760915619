using Pinterest.Modular.Application.Routing;

namespace Pinterest.Modular.Tests.Integration.Api;

public sealed class OperationsTopicProgressTests
{
    [Fact]
    public async Task Stats_AfterABatchRun_CountsTheTopicsRecordsAsProcessed()
    {
        await using var server = await ApiServer.StartAsync();
        var topic = OperationsRecords.Topic("pin");
        await OperationsRecords.PostAsync(server, Route.Batch, topic, OperationsRecords.Pin(1), OperationsRecords.Pin(2));
        await OperationsRecords.PostAsync(server, Route.Batch, topic, OperationsRecords.Pin(3));

        var before = TopicOf(await server.Client.GetJsonAsync("api/stats"), topic);
        await server.Client.RunBatchJobAsync();
        var after = TopicOf(await server.Client.GetJsonAsync("api/stats"), topic);

        before.GetProperty("processed").GetInt64().Should().Be(0);
        after.GetProperty("accepted").GetInt64().Should().Be(3);
        after.GetProperty("landed").GetInt64().Should().Be(3);
        after.GetProperty("processed").GetInt64().Should().Be(3);
    }

    private static System.Text.Json.JsonElement TopicOf(System.Text.Json.JsonElement stats, string name) =>
        stats.GetProperty("topics").EnumerateArray().Single(t => t.GetProperty("name").GetString() == name);
}
