using Confluent.Kafka;

namespace Pinterest.Modular.Host.Cli.Bench;

/// <summary>
/// The broker a Kafka bench runs against: the configured <c>Kafka:BootstrapServers</c>, or else librdkafka's mock
/// cluster (three brokers on 127.0.0.1, alive while this object is). Topics are made up front, so neither side of the
/// comparison pays for their creation.
/// </summary>
public sealed class BenchKafkaCluster : IDisposable
{
    private readonly IAdminClient _admin;

    public BenchKafkaCluster(string? bootstrapServers)
    {
        IsMock = string.IsNullOrWhiteSpace(bootstrapServers);
        var config = new AdminClientConfig { BootstrapServers = IsMock ? "127.0.0.1:1" : bootstrapServers };
        if (IsMock)
        {
            config.Set("test.mock.num.brokers", "3");
        }

        _admin = new AdminClientBuilder(config).Build();
        BootstrapServers = IsMock
            ? string.Join(",", _admin.GetMetadata(TimeSpan.FromSeconds(10)).Brokers.Select(b => $"{b.Host}:{b.Port}"))
            : bootstrapServers!;
    }

    public bool IsMock { get; }

    public string BootstrapServers { get; }

    /// <summary>Asks for the topic's metadata, which lets a broker that auto-creates topics (the mock does) create it.</summary>
    public void Touch(string topic) => _admin.GetMetadata(topic, TimeSpan.FromSeconds(10));

    public void Dispose() => _admin.Dispose();
}
