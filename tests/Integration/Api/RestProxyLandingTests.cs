using System.Net;
using System.Text;
using Pinterest.Modular.Infrastructure.Embedded;

namespace Pinterest.Modular.Tests.Integration.Api;

/// <summary>
/// A 200 from the REST proxy means the topic holds the record durably; the landing sink then writes it to
/// <c>&lt;DataDir&gt;/landing/</c> with the S3 sink connector's key layout (spec §2.4), one value per line.
/// </summary>
public sealed class RestProxyLandingTests
{
    private static string LandedObject(string dataDir, string topic, long startOffset) =>
        Path.Combine(dataDir, "landing", "topics", topic, "partition=0", $"{topic}+0+{startOffset:D10}.json");

    [Fact]
    public async Task Produce_PinGeoAndUser_LandAfterTheSinksRotationUnderTheConnectorsKeys()
    {
        await using var server = await ApiServer.StartAsync(EmulatorPayloads.Settings(("Sink:RotateIntervalMs", "200")));
        var sent = new[]
        {
            (Topic: EmulatorPayloads.PinTopic, Row: EmulatorPayloads.Pin),
            (Topic: EmulatorPayloads.GeoTopic, Row: EmulatorPayloads.Geo),
            (Topic: EmulatorPayloads.UserTopic, Row: EmulatorPayloads.User),
        };

        foreach (var (topic, row) in sent)
        {
            var answer = await HttpExchange.SendAsync(server.Client, HttpMethod.Post, $"topics/{topic}", EmulatorPayloads.KafkaJson, EmulatorPayloads.Produce(row, row));
            answer.Status.Should().Be(HttpStatusCode.OK, answer.ToString());
        }

        foreach (var (topic, row) in sent)
        {
            var path = LandedObject(server.DataDir, topic, 0);
            await Poll.UntilAsync(() => File.Exists(path), landed => landed, path);
            (await File.ReadAllTextAsync(path)).Should().Be(row + "\n" + row + "\n", "each value lands as sent, one per line");
        }

        Directory.EnumerateFiles(Path.Combine(server.DataDir, "landing"), "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Path.Combine(server.DataDir, "landing"), f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .Should().Equal(
                "topics/0eb84f80c29b.geo/partition=0/0eb84f80c29b.geo+0+0000000000.json",
                "topics/0eb84f80c29b.pin/partition=0/0eb84f80c29b.pin+0+0000000000.json",
                "topics/0eb84f80c29b.user/partition=0/0eb84f80c29b.user+0+0000000000.json");
    }

    [Fact]
    public async Task Produce_Answered200_TheRecordIsInTheTopicLogOnceTheServerHasStoppedAndOffsetsGoOnAfterARestart()
    {
        using var dataDir = new TempDir("pm-api-");
        var settings = EmulatorPayloads.Settings();
        await using (var server = await ApiServer.StartAsync(settings, dataDir.Path))
        {
            var answer = await HttpExchange.SendAsync(
                server.Client, HttpMethod.Post, $"topics/{EmulatorPayloads.PinTopic}", EmulatorPayloads.KafkaJson, EmulatorPayloads.Produce(EmulatorPayloads.Pin));
            answer.Status.Should().Be(HttpStatusCode.OK, answer.ToString());
        }

        await using (var log = DurableLog.Open(EmbeddedLogStore.TopicPartitionPath(dataDir.Path, EmulatorPayloads.PinTopic, 0)))
        {
            log.Read(0, 10).Select(e => Encoding.UTF8.GetString(e.Payload.Span)).Should().Equal(EmulatorPayloads.Pin);
        }

        await using (var restarted = await ApiServer.StartAsync(settings, dataDir.Path))
        {
            var answer = await HttpExchange.SendAsync(
                restarted.Client, HttpMethod.Post, $"topics/{EmulatorPayloads.PinTopic}", EmulatorPayloads.KafkaJson, EmulatorPayloads.Produce(EmulatorPayloads.Pin));

            answer.ShouldBeOk(
                IngestAnswers.KafkaV2,
                """{"offsets":[{"partition":0,"offset":1,"error_code":null,"error":null}],"key_schema_id":null,"value_schema_id":null}""");
        }
    }
}
