using System.Net;
using System.Text;
using System.Text.Json;
using Pinterest.Modular.Tests.Integration.Api;
using Pinterest.Modular.Tests.Integration.Support;
using Pinterest.Modular.Tests.Integration.Telemetry;
using Xunit.Abstractions;

namespace Pinterest.Modular.Tests.Integration.Kafka;

/// <summary>
/// <c>serve</c> on Kafka with nothing to do must sleep: a client that polls without waiting (as Confluent.Kafka 1.9.3's
/// admin client on the producer's handle did) keeps a core busy, which this catches (a busy loop is ~100% of a core).
/// </summary>
public sealed class KafkaServeIdleTests(KafkaMockCluster cluster, ITestOutputHelper output) : IClassFixture<KafkaMockCluster>
{
    /// <summary>Measured idle: 1–3% of a core (producer, admin client and a sink member, all connected).</summary>
    private const double MostOfACoreWhileIdle = 0.15;

    private static readonly TimeSpan Window =
        TimeSpan.FromSeconds(int.TryParse(Environment.GetEnvironmentVariable("PM_TEST_KAFKA_IDLE_SECONDS"), out var s) ? s : 10);

    [Fact]
    public async Task ServeOnKafka_AfterProducing_IdlesNearZeroCpu()
    {
        using var dir = new TempDir("pm-kafka-idle-");
        cluster.CreateTopics("idle");
        var environment = new Dictionary<string, string>
        {
            ["Pipeline__BatchTransport"] = "Kafka",
            ["Pipeline__TopicPrefix"] = "idle",
            ["Kafka__BootstrapServers"] = cluster.BootstrapServers,
            ["Kafka__RequestTimeoutMs"] = "3000",
            ["Scheduler__Enabled"] = "false",
            ["Logging__Console__FormatterName"] = "json",
        };

        await using var serve = ServeProcess.Start(dir.Path, environment);
        var listening = await serve.WaitForLineAsync(l => l.Contains("Now listening on", StringComparison.Ordinal), "its address");
        var address = JsonDocument.Parse(listening).RootElement.GetProperty("State").GetProperty("address").GetString()!;
        using var client = new HttpClient { BaseAddress = new Uri(address.TrimEnd('/') + "/"), Timeout = TimeSpan.FromSeconds(30) };

        // One record through the producer, so every client the route uses is connected before the quiet part.
        using var body = new StringContent($$"""{"records": [{"value": {{EmulatorPayloads.User}}}]}""", Encoding.UTF8, EmulatorPayloads.KafkaJson);
        (await client.PostAsync("topics/idle.user", body)).StatusCode.Should().Be(HttpStatusCode.OK);
        await Task.Delay(TimeSpan.FromSeconds(3)); // the sink member's group join and the JIT's background compiles

        var (cpu, elapsed, share) = await ProcessCpu.MeasureAsync(serve.ProcessId, Window);

        output.WriteLine($"serve on Kafka, idle: {cpu.TotalMilliseconds:F0} ms of CPU in {elapsed.TotalSeconds:F1} s ({share:P1} of a core)");
        serve.HasExited.Should().BeFalse();
        share.Should().BeLessThan(MostOfACoreWhileIdle, "an idle serve sleeps; a client polling without waiting takes a whole core");
    }

    [Fact]
    public async Task IdleRule_FailsForAProcessWithABusyLoop()
    {
        using var stop = new CancellationTokenSource();
        var spinning = Task.Factory.StartNew(
            () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    Thread.SpinWait(1000);
                }
            },
            TaskCreationOptions.LongRunning);

        var (_, _, share) = await ProcessCpu.MeasureAsync(Environment.ProcessId, TimeSpan.FromSeconds(2));
        await stop.CancelAsync();
        await spinning;

        share.Should().BeGreaterThan(MostOfACoreWhileIdle);
    }
}
