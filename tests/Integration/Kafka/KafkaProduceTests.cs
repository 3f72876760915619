using System.Diagnostics;
using System.Net;
using Confluent.Kafka;
using Pinterest.Modular.Tests.Integration.Api;
using Pinterest.Modular.Tests.Integration.Support;

namespace Pinterest.Modular.Tests.Integration.Kafka;

/// <summary>
/// <c>Pipeline:BatchTransport=Kafka</c>: a 200 from the REST proxy means the brokers acknowledged every record, and its
/// partitions and offsets are the brokers' own: kcat, an independent client, reads exactly what the API answered.
/// </summary>
public sealed class KafkaProduceTests(KafkaMockCluster cluster) : IClassFixture<KafkaMockCluster>
{
    [Fact]
    public async Task Produce_ManyRequests_KcatReadsExactlyWhatTheApiAcknowledged()
    {
        await using var server = await ApiServer.StartAsync(cluster.HostSettings("produce", sink: false));
        var acknowledged = new List<string>();
        acknowledged.AddRange(await KafkaRows.ProduceAsync(server.Client, "produce.geo", [.. Enumerable.Range(0, 150).Select(KafkaRows.Geo)]));
        acknowledged.AddRange(await KafkaRows.ProduceAsync(server.Client, "produce.geo", [.. Enumerable.Range(150, 20).Select(KafkaRows.Geo)], partition: 2));
        acknowledged.AddRange(await KafkaRows.ProduceAsync(server.Client, "produce.geo", [KafkaRows.Geo(170)]));

        var read = await KafkaRows.KcatAsync(cluster.BootstrapServers, "produce.geo");

        // kcat reads the partitions side by side, so only the order within a partition is its own.
        KafkaRows.InLogOrder(read).Should().Equal(KafkaRows.InLogOrder(acknowledged), "the topic holds each acknowledged record once, where the API said");
        acknowledged.Skip(150).Take(20).Should().OnlyContain(line => line.StartsWith("2 ", StringComparison.Ordinal), "a record's own partition is honoured");
    }

    [Fact]
    public async Task Produce_ToAPartitionTheTopicDoesNotHave_Answers404With40402()
    {
        await using var server = await ApiServer.StartAsync(cluster.HostSettings("outside", sink: false));

        var answer = await HttpExchange.SendAsync(
            server.Client, HttpMethod.Post, "topics/outside.geo", EmulatorPayloads.KafkaJson, KafkaRows.Produce([KafkaRows.Geo(1)], partition: 99));

        answer.Status.Should().Be(HttpStatusCode.NotFound, answer.ToString());
        answer.IntProperty("error_code").Should().Be(40402);
    }

    [Fact]
    public async Task Produce_WhenTheBrokersAreGone_Answers503With50003WithinTheRequestTimeout()
    {
        var doomed = new KafkaMockCluster();
        await using var server = await ApiServer.StartAsync(doomed.HostSettings("gone", sink: false));
        await KafkaRows.ProduceAsync(server.Client, "gone.user", [KafkaRows.User(1)]);
        doomed.Dispose();

        var clock = Stopwatch.StartNew();
        var answer = await HttpExchange.SendAsync(
            server.Client, HttpMethod.Post, "topics/gone.user", EmulatorPayloads.KafkaJson, KafkaRows.Produce([KafkaRows.User(2)]));

        answer.Status.Should().Be(HttpStatusCode.ServiceUnavailable, answer.ToString());
        answer.IntProperty("error_code").Should().Be(50003);
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(3 + 4), "Kafka:RequestTimeoutMs is 3000: an answer within it and the grace for the last report");
    }

    [Theory]
    [InlineData(ErrorCode.TopicAuthorizationFailed, HttpStatusCode.Forbidden, 40301)]
    [InlineData(ErrorCode.MsgSizeTooLarge, HttpStatusCode.InternalServerError, 50002)]
    public async Task Produce_WhenTheBrokerRefusesForGood_AnswersTheRestProxysCode(ErrorCode refusal, HttpStatusCode status, int errorCode)
    {
        using var refusing = new KafkaMockCluster();
        await using var server = await ApiServer.StartAsync(refusing.HostSettings("refused", sink: false));
        await KafkaRows.ProduceAsync(server.Client, "refused.geo", [KafkaRows.Geo(1)], partition: 0);
        refusing.FailNextProduceRequests(refusal);

        var answer = await HttpExchange.SendAsync(
            server.Client, HttpMethod.Post, "topics/refused.geo", EmulatorPayloads.KafkaJson, KafkaRows.Produce([KafkaRows.Geo(2)], partition: 0));

        answer.Status.Should().Be(status, answer.ToString());
        answer.IntProperty("error_code").Should().Be(errorCode);
    }
}
