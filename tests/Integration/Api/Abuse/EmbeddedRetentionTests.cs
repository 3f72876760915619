using System.Net;
using System.Text.Json;
using Pinterest.Modular.Infrastructure.Embedded;

namespace Pinterest.Modular.Tests.Integration.Api.Abuse;

/// <summary>
/// The embedded logs under a small retention (issue 17): once records are landed (topics) or stored (streams) the
/// logs stop growing, every acknowledged record still arrives exactly once, and a restart goes on at the same offsets.
/// </summary>
public sealed class EmbeddedRetentionTests
{
    private const int SegmentBytes = 4096;
    private const int RetentionBytes = 16384;
    private const int Rounds = 30;
    private const int PerRequest = 20;

    /// <summary>A log may hold its retention, the segment taking appends and one request's group past its size.</summary>
    private const int MaxRetainedBytes = RetentionBytes + SegmentBytes + (PerRequest * 1024);

    private static readonly Dictionary<string, string?> Settings = EmulatorPayloads.Settings(
        ("Embedded:SegmentBytes", SegmentBytes.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("Embedded:RetentionBytes", RetentionBytes.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("Embedded:RetentionCheckInterval", "00:00:00.200"),
        ("Sink:FlushSize", "50"),
        ("Sink:RotateIntervalMs", "200"));

    [Fact]
    public async Task UnderSteadyLoad_LandedAndStoredSegmentsAreDeleted_EveryRecordArrivesOnce_AndARestartGoesOn()
    {
        using var dataDir = new TempDir("pm-retention-");
        var topicLog = EmbeddedLogStore.TopicPartitionPath(dataDir.Path, EmulatorPayloads.PinTopic, 0);
        var streamLog = EmbeddedLogStore.StreamShardPath(dataDir.Path, EmulatorPayloads.GeoStream);

        await using (var server = await ApiServer.StartAsync(Settings, dataDir.Path))
        {
            for (var round = 0; round < Rounds; round++)
            {
                var (topicOffset, streamSequence) = await PostRoundAsync(server.Client, round);
                topicOffset.Should().Be(round * PerRequest);
                streamSequence.Should().Be(round * PerRequest);

                // A client that keeps within the back-pressure: faster, the host answers 503 once a log's unconsumed
                // records pass Embedded:RetentionBytes (DurableLogRetentionTests).
                await WaitUntilConsumedAsync(server.Client, (round + 1) * PerRequest);
            }

            await Poll.UntilAsync(() => BytesOnDisk(topicLog) <= MaxRetainedBytes && BytesOnDisk(streamLog) <= MaxRetainedBytes, "retention to apply", TimeSpan.FromSeconds(30));
            var stats = await StatsAsync(server.Client);
            var retained = stats.GetProperty("retained_logs").EnumerateArray().ToDictionary(l => l.GetProperty("log").GetString()!, l => l.GetProperty("retained_bytes").GetInt64());
            retained[Path.GetRelativePath(dataDir.Path, topicLog)].Should().BeLessThanOrEqualTo(MaxRetainedBytes);
            retained[Path.GetRelativePath(dataDir.Path, streamLog)].Should().BeLessThanOrEqualTo(MaxRetainedBytes);
        }

        BytesOnDisk(topicLog).Should().BeLessThan(Rounds * PerRequest * 500 / 4, "most of the ~400 KB the topic took is gone");
        File.Exists(topicLog).Should().BeFalse("the first segment, long landed, was deleted");

        await using (var restarted = await ApiServer.StartAsync(Settings, dataDir.Path))
        {
            var (topicOffset, streamSequence) = await PostRoundAsync(restarted.Client, Rounds);
            topicOffset.Should().Be(Rounds * PerRequest, "offsets go on after the restart though the first segments are gone");
            streamSequence.Should().Be(Rounds * PerRequest);

            await WaitUntilConsumedAsync(restarted.Client, (Rounds + 1) * PerRequest);
            var stats = await StatsAsync(restarted.Client);
            stats.GetProperty("geo").GetInt64().Should().Be((Rounds + 1) * PerRequest, "every stream record was stored once");
        }

        LandedKeys(dataDir.Path).Should().BeEquivalentTo(Enumerable.Range(0, (Rounds + 1) * PerRequest), "every topic record was landed once");
    }

    [Fact]
    public async Task Produce_WhenUnlandedRecordsPassRetentionBytes_Answers503WithRetryAfter_AndKeepsWhatItAcknowledged()
    {
        // A sink that never closes an object (no flush size reached, no rotation) lands nothing: a stalled reader.
        await using var server = await ApiServer.StartAsync(EmulatorPayloads.Settings(
            ("Embedded:RetentionBytes", "4096"), ("Sink:FlushSize", "1000000"), ("Sink:RotateIntervalMs", "-1")));
        var body = EmulatorPayloads.Produce(Enumerable.Repeat(EmulatorPayloads.Pin, 5).ToArray());

        var acknowledged = 0;
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 20 && refused is null; i++)
        {
            using var content = new StringContent(body);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(EmulatorPayloads.KafkaJson);
            var response = await server.Client.PostAsync(new Uri($"topics/{EmulatorPayloads.PinTopic}", UriKind.Relative), content);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                acknowledged += 5;
                response.Dispose();
            }
            else
            {
                refused = response;
            }
        }

        refused.Should().NotBeNull("20 requests of ~3.5 KB pass 4 KB of unlanded records");
        using (refused)
        {
            refused!.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
            refused.Headers.RetryAfter!.Delta.Should().BeGreaterThan(TimeSpan.Zero);
            (await refused.Content.ReadAsStringAsync()).Should().Contain("Embedded:RetentionBytes");
        }

        var stats = await StatsAsync(server.Client);
        var topic = stats.GetProperty("topics").EnumerateArray().Single(t => t.GetProperty("name").GetString() == EmulatorPayloads.PinTopic);
        topic.GetProperty("accepted").GetInt64().Should().Be(acknowledged, "what was refused was not appended, and nothing acknowledged was dropped");
    }

    private static async Task<(long TopicOffset, long StreamSequence)> PostRoundAsync(HttpClient client, int round)
    {
        var keys = Enumerable.Range(round * PerRequest, PerRequest).ToList();
        var pins = keys.Select(k => EmulatorPayloads.Pin.Replace("\"index\": 2863", $"\"index\": {k}", StringComparison.Ordinal)).ToArray();
        var produce = await HttpExchange.SendAsync(client, HttpMethod.Post, $"topics/{EmulatorPayloads.PinTopic}", EmulatorPayloads.KafkaJson, EmulatorPayloads.Produce(pins));
        produce.Status.Should().Be(HttpStatusCode.OK, produce.ToString());

        var geo = keys.Select(k => EmulatorPayloads.Geo.Replace("\"ind\": 2863", $"\"ind\": {k}", StringComparison.Ordinal));
        var body = "{\"records\":[" + string.Join(',', geo.Select(g => $"{{\"data\":{g},\"partition-key\":\"k\"}}")) + "]}";
        var put = await HttpExchange.SendAsync(client, HttpMethod.Put, $"streams/{EmulatorPayloads.GeoStream}/records", EmulatorPayloads.Json, body);
        put.Status.Should().Be(HttpStatusCode.OK, put.ToString());

        using var offsets = JsonDocument.Parse(produce.Body);
        using var sequences = JsonDocument.Parse(put.Body);
        return (
            offsets.RootElement.GetProperty("offsets")[0].GetProperty("offset").GetInt64(),
            long.Parse(sequences.RootElement.GetProperty("Records")[0].GetProperty("SequenceNumber").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
    }

    private static Task<JsonElement> WaitUntilConsumedAsync(HttpClient client, long count) => Poll.UntilAsync(
        () => StatsAsync(client),
        stats =>
        {
            var topic = stats.GetProperty("topics").EnumerateArray().Single(t => t.GetProperty("name").GetString() == EmulatorPayloads.PinTopic);
            var stream = stats.GetProperty("streams").EnumerateArray().Single(s => s.GetProperty("name").GetString() == EmulatorPayloads.GeoStream);
            return topic.GetProperty("landed").GetInt64() >= count && stream.GetProperty("processed").GetInt64() >= count;
        },
        $"{count} records landed and stored",
        TimeSpan.FromSeconds(60));

    private static async Task<JsonElement> StatsAsync(HttpClient client) =>
        JsonDocument.Parse(await client.GetStringAsync(new Uri("api/stats", UriKind.Relative))).RootElement;

    /// <summary>The bytes of every segment file of the log at <paramref name="logPath"/>.</summary>
    private static long BytesOnDisk(string logPath) =>
        Directory.GetFiles(Path.GetDirectoryName(logPath)!, Path.GetFileName(logPath) + "*")
            .Where(f => !f.EndsWith(".lock", StringComparison.Ordinal) && !f.EndsWith(".sink-offset", StringComparison.Ordinal))
            .Sum(f => new FileInfo(f).Length);

    private static List<int> LandedKeys(string dataDir) =>
        [.. Directory.EnumerateFiles(Path.Combine(dataDir, "landing", "topics", EmulatorPayloads.PinTopic), "*.json", SearchOption.AllDirectories)
            .SelectMany(File.ReadLines)
            .Where(line => line.Length > 0)
            .Select(line =>
            {
                using var row = JsonDocument.Parse(line);
                return row.RootElement.GetProperty("index").GetInt32();
            })];
}
