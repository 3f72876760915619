using Pinterest.Modular.Tests.Integration.Support;

namespace Pinterest.Modular.Tests.Integration.Kafka;

/// <summary>
/// The sink group lands the topics as the S3 sink connector does (spec §2.4): objects of <c>Sink:FlushSize</c> records
/// named by their first offset, idle objects rotated, offsets committed only after the object; a member that stops
/// mid-object loses nothing and its successor duplicates nothing; members of one group share the partitions.
/// </summary>
public sealed class KafkaSinkTests(KafkaMockCluster cluster) : IClassFixture<KafkaMockCluster>
{
    private static string Value(int i) => $$"""{"ind": {{i}}, "country": "Armenia"}""";

    [Fact]
    public async Task Sink_CutsObjectsOfFlushSizeNamedByFirstOffset_AndWritesTheOpenOneOnFlush()
    {
        using var dir = new TempDir("pm-kafka-sink-");
        cluster.CreateTopics("layout");
        await cluster.ProduceAsync("layout.geo", 1, Enumerable.Range(0, 25).Select(Value));
        await using var member = new KafkaSinkMember(cluster.BootstrapServers, "layout", dir.Path, flushSize: 10);

        var objects = await Poll.UntilAsync(() => LandingFolder.Objects(dir.Path, "layout.geo"), o => o.Count >= 2, "two full objects", LandingFolder.Deadline);
        await Task.Delay(300); // the open object must stay open: nothing else appears on its own
        LandingFolder.Objects(dir.Path, "layout.geo").Keys.Should().Equal(
            "topics/layout.geo/partition=1/layout.geo+1+0000000000.json",
            "topics/layout.geo/partition=1/layout.geo+1+0000000010.json");
        objects.Values.First().Should().Equal(Enumerable.Range(0, 10).Select(Value));

        await member.Sink.FlushAsync(CancellationToken.None);

        objects = LandingFolder.Objects(dir.Path, "layout.geo");
        objects.Keys.Should().HaveCount(3).And.Contain("topics/layout.geo/partition=1/layout.geo+1+0000000020.json");
        objects.Values.SelectMany(lines => lines).Should().Equal(Enumerable.Range(0, 25).Select(Value));
    }

    [Fact]
    public async Task Sink_IdleObject_IsWrittenOnceTheRotationIntervalHasPassed()
    {
        using var dir = new TempDir("pm-kafka-sink-");
        cluster.CreateTopics("rotate");
        await cluster.ProduceAsync("rotate.user", 0, Enumerable.Range(0, 3).Select(Value));
        await using var member = new KafkaSinkMember(cluster.BootstrapServers, "rotate", dir.Path, flushSize: 1000, rotateIntervalMs: 500);

        var objects = await Poll.UntilAsync(() => LandingFolder.Objects(dir.Path, "rotate.user"), o => o.Count > 0, "the rotated object", LandingFolder.Deadline);

        objects.Should().ContainKey("topics/rotate.user/partition=0/rotate.user+0+0000000000.json")
            .WhoseValue.Should().Equal(Enumerable.Range(0, 3).Select(Value));
    }

    [Fact]
    public async Task Sink_StoppedWithAnOpenObject_NextMemberLandsEveryRecordExactlyOnce()
    {
        using var dir = new TempDir("pm-kafka-sink-");
        cluster.CreateTopics("restart");
        await cluster.ProduceAsync("restart.pin", 3, Enumerable.Range(0, 25).Select(Value));
        var first = new KafkaSinkMember(cluster.BootstrapServers, "restart", dir.Path, flushSize: 10);
        await Poll.UntilAsync(() => LandingFolder.Objects(dir.Path, "restart.pin"), o => o.Count >= 2, "two full objects", LandingFolder.Deadline);
        await first.DisposeAsync(); // records 20..24 were read but not written: their offset is not committed

        LandingFolder.Objects(dir.Path, "restart.pin").Should().HaveCount(2);
        await cluster.ProduceAsync("restart.pin", 3, Enumerable.Range(25, 10).Select(Value));
        await using var second = new KafkaSinkMember(cluster.BootstrapServers, "restart", dir.Path, flushSize: 10);
        await Poll.UntilAsync(() => LandingFolder.Objects(dir.Path, "restart.pin"), o => o.Count >= 3, "the object from offset 20", LandingFolder.Deadline);
        await second.Sink.FlushAsync(CancellationToken.None);

        var landed = LandingFolder.Records(dir.Path, "restart.pin");
        landed.OrderBy(r => r.Key.Offset).Select(r => r.Value).Should().Equal(Enumerable.Range(0, 35).Select(Value));
        LandingFolder.Objects(dir.Path, "restart.pin").Keys.Select(k => k[^15..]).Should().Equal(
            "0000000000.json", "0000000010.json", "0000000020.json", "0000000030.json");
    }

    [Fact]
    public async Task TwoMembersOfOneGroup_SharePartitions_AndTogetherLandEverythingOnce()
    {
        using var dir = new TempDir("pm-kafka-sink-");
        cluster.CreateTopics("shared");
        await using var one = new KafkaSinkMember(cluster.BootstrapServers, "shared", dir.Path, flushSize: 7);
        await using var two = new KafkaSinkMember(cluster.BootstrapServers, "shared", dir.Path, flushSize: 7);
        await Poll.UntilAsync(
            () => (One: one.Sink.Assignment, Two: two.Sink.Assignment),
            a => a.One.Count > 0 && a.Two.Count > 0 && a.One.Count + a.Two.Count == 12 && !a.One.Intersect(a.Two).Any(),
            "both members to own a share of the 3 × 4 partitions", LandingFolder.Deadline);

        var sent = new Dictionary<(int Partition, long Offset), string>();
        for (var partition = 0; partition < 4; partition++)
        {
            var values = Enumerable.Range(partition * 100, 10 + partition).Select(Value).ToList();
            var offsets = await cluster.ProduceAsync("shared.pin", partition, values);
            for (var i = 0; i < values.Count; i++)
            {
                sent[(partition, offsets[i])] = values[i];
            }
        }

        await Task.WhenAll(one.Sink.FlushAsync(CancellationToken.None), two.Sink.FlushAsync(CancellationToken.None));

        LandingFolder.Records(dir.Path, "shared.pin").Should().BeEquivalentTo(sent);
    }
}
