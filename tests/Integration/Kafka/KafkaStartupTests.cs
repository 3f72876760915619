using System.Diagnostics;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Pinterest.Modular.Tests.Integration.Support;

namespace Pinterest.Modular.Tests.Integration.Kafka;

/// <summary>
/// Start-up with <c>Pipeline:BatchTransport=Kafka</c>: wrong settings and an unreachable cluster stop the host with
/// a message that names the key, within <c>Kafka:RequestTimeoutMs</c>; a broker without CreateTopics still gets its topics.
/// </summary>
public sealed class KafkaStartupTests(KafkaMockCluster cluster) : IClassFixture<KafkaMockCluster>
{
    [Fact]
    public async Task Start_WhenNoBrokerListens_FailsNamingKafkaBootstrapServersWithinTheTimeout()
    {
        var settings = KafkaMockCluster.SettingsFor($"127.0.0.1:{ClosedPort()}", "unreachable");
        var clock = Stopwatch.StartNew();

        var start = async () => await (await ApiServer.StartAsync(settings)).DisposeAsync();

        var failure = await start.Should().ThrowAsync<Exception>();
        Messages(failure.Which).Should().Contain(m => m.Contains("Kafka:BootstrapServers", StringComparison.Ordinal));
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(3 + 5), "Kafka:RequestTimeoutMs is 3000");
    }

    [Theory]
    [InlineData("Kafka:BootstrapServers", "", "Kafka:BootstrapServers is required")]
    [InlineData("Kafka:BootstrapServers", "no-port", "Kafka:BootstrapServers: 'no-port' is not host:port")]
    [InlineData("Kafka:Authentication", "Scram", "Kafka:SaslUsername and Kafka:SaslPassword are required")]
    [InlineData("Kafka:Authentication", "AwsIam", "Kafka:Region is required")]
    [InlineData("Kafka:RequestTimeoutMs", "10", "Kafka:RequestTimeoutMs must be between")]
    [InlineData("Kafka:ConsumerGroup", " ", "Kafka:ConsumerGroup must not be empty")]
    public async Task Start_WithABadKafkaSetting_FailsNamingTheKey(string key, string value, string expected)
    {
        var settings = cluster.SettingsWithoutTopics("bad");
        settings[key] = value;

        var start = async () => await (await ApiServer.StartAsync(settings)).DisposeAsync();

        var failure = await start.Should().ThrowAsync<Exception>();
        Messages(failure.Which).Should().Contain(m => m.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_OnABrokerWithoutCreateTopics_LeavesTheTopicsToAutoCreationAndTakesRecords()
    {
        // The mock cluster has no CreateTopics: the host falls back to asking for the topics' metadata.
        await using var server = await ApiServer.StartAsync(cluster.SettingsWithoutTopics("fallback"));

        var acknowledged = await KafkaRows.ProduceAsync(server.Client, "fallback.user", [KafkaRows.User(1)]);

        (await KafkaRows.KcatAsync(cluster.BootstrapServers, "fallback.user")).Should().Equal(acknowledged);
    }

    private static IEnumerable<string> Messages(Exception exception) => exception switch
    {
        OptionsValidationException options => options.Failures,
        AggregateException aggregate => aggregate.InnerExceptions.SelectMany(Messages),
        _ => [exception.Message],
    };

    private static int ClosedPort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
