using Confluent.Kafka;

namespace Pinterest.Modular.Tests.Integration.Support;

/// <summary>
/// librdkafka's mock cluster: three brokers speaking the Kafka protocol on 127.0.0.1, owned by a client made with
/// <c>test.mock.num.brokers</c> and alive as long as it is (use as a class fixture). Topics are created on first
/// use (4 partitions; the mock has no CreateTopics) and each partition keeps only about 5 MB: keep volumes small.
/// </summary>
public sealed class KafkaMockCluster : IDisposable
{
    private readonly IAdminClient _owner;
    private readonly int[] _brokerIds;

    public KafkaMockCluster()
    {
        var config = new AdminClientConfig { BootstrapServers = "127.0.0.1:1" }; // replaced by the mock brokers' addresses
        config.Set("test.mock.num.brokers", "3");
        _owner = new AdminClientBuilder(config).Build();
        var brokers = _owner.GetMetadata(TimeSpan.FromSeconds(10)).Brokers;
        BootstrapServers = string.Join(",", brokers.Select(b => $"{b.Host}:{b.Port}"));
        _brokerIds = [.. brokers.Select(b => b.BrokerId)];
    }

    /// <summary>The mock brokers, <c>127.0.0.1:port,...</c>, for any client (kcat included).</summary>
    public string BootstrapServers { get; }

    /// <summary>
    /// Settings that put a host's batch route on this cluster, with the topics <c>&lt;prefix&gt;.pin|geo|user</c> made
    /// beforehand (the host's own attempt, CreateTopics, waits a request timeout for a controller the mock lacks).
    /// </summary>
    /// <param name="sink">Whether the host runs a member of the sink group (<c>Kafka:SinkEnabled</c>).</param>
    public Dictionary<string, string?> HostSettings(string topicPrefix, bool sink = true)
    {
        CreateTopics(topicPrefix);
        var settings = SettingsWithoutTopics(topicPrefix);
        settings["Kafka:SinkEnabled"] = sink ? "true" : "false";
        return settings;
    }

    /// <summary>Makes the batch route's topics by asking for their metadata (the mock creates them, 4 partitions each).</summary>
    public void CreateTopics(string topicPrefix)
    {
        foreach (var kind in new[] { "pin", "geo", "user" })
        {
            var topic = $"{topicPrefix}.{kind}";
            var described = _owner.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.Single(t => t.Topic == topic);
            if (described.Error.Code != ErrorCode.NoError)
            {
                throw new InvalidOperationException($"The mock cluster did not create {topic}: {described.Error.Reason}");
            }
        }
    }

    public static Dictionary<string, string?> SettingsFor(string bootstrapServers, string topicPrefix) => new()
    {
        ["Pipeline:BatchTransport"] = "Kafka",
        ["Pipeline:TopicPrefix"] = topicPrefix,
        ["Kafka:BootstrapServers"] = bootstrapServers,
        ["Kafka:RequestTimeoutMs"] = "3000",
    };

    public Dictionary<string, string?> SettingsWithoutTopics(string topicPrefix) => SettingsFor(BootstrapServers, topicPrefix);

    /// <summary>
    /// Produces the values to one partition in one go with a plain idempotent producer (in order, timestamps within
    /// milliseconds, so record-time rotation does not cut them); returns their offsets.
    /// </summary>
    public async Task<IReadOnlyList<long>> ProduceAsync(string topic, int partition, IEnumerable<string> values)
    {
        var config = new ProducerConfig { BootstrapServers = BootstrapServers, Acks = Acks.All, EnableIdempotence = true };
        using var producer = new ProducerBuilder<Null, string>(config).Build();
        var target = new TopicPartition(topic, partition);
        var delivered = await Task.WhenAll(values.Select(v => producer.ProduceAsync(target, new Message<Null, string> { Value = v })));
        return [.. delivered.Select(d => d.Offset.Value)];
    }

    /// <summary>The next produce requests to the mock brokers are answered with these errors, one each.</summary>
    public void FailNextProduceRequests(params ErrorCode[] errors) => KafkaMockFaults.PushRequestErrors(_owner, KafkaMockFaults.Produce, errors);

    /// <summary>
    /// Every broker drops its connections and refuses new ones, as a cluster that went away with its ports still bound
    /// (a forwarder on the bootstrap address would not do: the brokers advertise their own addresses).
    /// </summary>
    public void SetBrokersDown() => SetBrokers(up: false);

    /// <summary>Every broker takes connections again; the records they held are still there.</summary>
    public void SetBrokersUp() => SetBrokers(up: true);

    public void Dispose() => _owner.Dispose();

    private void SetBrokers(bool up)
    {
        foreach (var id in _brokerIds)
        {
            KafkaMockFaults.SetBrokerUp(_owner, id, up);
        }
    }
}
