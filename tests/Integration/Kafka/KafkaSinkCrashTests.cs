using Pinterest.Modular.Tests.Integration.Support;
using Pinterest.Modular.Tests.Integration.Telemetry;

namespace Pinterest.Modular.Tests.Integration.Kafka;

/// <summary>
/// A <c>serve</c> process killed (SIGKILL) in the middle of an object: nothing is committed past the objects it wrote,
/// so the next host's sink lands the rest under the same keys and no record is lost or landed twice.
/// </summary>
public sealed class KafkaSinkCrashTests(KafkaMockCluster cluster) : IClassFixture<KafkaMockCluster>
{
    private static string Value(int i) => $$"""{"ind": {{i}}, "first_name": "Dylan"}""";

    [Fact]
    public async Task ServeKilledMidObject_NextServeLandsEveryRecordExactlyOnce()
    {
        using var dir = new TempDir("pm-kafka-crash-");
        cluster.CreateTopics("crash");
        await cluster.ProduceAsync("crash.user", 2, Enumerable.Range(0, 25).Select(Value));
        var environment = new Dictionary<string, string>
        {
            ["Pipeline__BatchTransport"] = "Kafka",
            ["Pipeline__TopicPrefix"] = "crash",
            ["Kafka__BootstrapServers"] = cluster.BootstrapServers,
            ["Kafka__RequestTimeoutMs"] = "3000",
            ["Sink__FlushSize"] = "10",
            ["Sink__RotateIntervalMs"] = "-1",
            ["Scheduler__Enabled"] = "false",
        };

        await using (ServeProcess.Start(dir.Path, environment))
        {
            await Poll.UntilAsync(() => LandingFolder.Objects(dir.Path, "crash.user").Count, n => n >= 2, "the first serve to land two objects", LandingFolder.Deadline);
        } // killed: records 20..24 were read into an open object, never written, never committed

        await cluster.ProduceAsync("crash.user", 2, Enumerable.Range(25, 5).Select(Value));
        await using (ServeProcess.Start(dir.Path, environment))
        {
            await Poll.UntilAsync(() => LandingFolder.Objects(dir.Path, "crash.user").Count, n => n >= 3, "the second serve to land the object from offset 20", LandingFolder.Deadline);
        }

        LandingFolder.Records(dir.Path, "crash.user").OrderBy(r => r.Key.Offset).Select(r => r.Value)
            .Should().Equal(Enumerable.Range(0, 30).Select(Value), "every record landed, each once, in offset order");
        LandingFolder.Objects(dir.Path, "crash.user").Keys.Should().Equal(
            "topics/crash.user/partition=2/crash.user+2+0000000000.json",
            "topics/crash.user/partition=2/crash.user+2+0000000010.json",
            "topics/crash.user/partition=2/crash.user+2+0000000020.json");
    }
}
