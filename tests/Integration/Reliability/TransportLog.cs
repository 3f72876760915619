using Confluent.Kafka;
using Pinterest.Modular.Application.Routing;
using Pinterest.Modular.Domain.Common;
using Pinterest.Modular.Infrastructure.Embedded;
using Pinterest.Modular.Tests.Integration.Kinesis;

namespace Pinterest.Modular.Tests.Integration.Reliability;

/// <summary>
/// The key of every record a route's transport holds for a kind, read back whole for <see cref="DeliveryCheck"/> after
/// the host is gone, with a client of the test's own: the embedded log in the data directory, every partition of the
/// Kafka topic from its start to its end, or every shard of the Kinesis stream from its trim horizon.
/// </summary>
internal static class TransportLog
{
    private const int ReadChunk = 10_000;
    private static readonly TimeSpan KafkaTimeout = TimeSpan.FromSeconds(10);

    public static async Task<List<long?>> ReadKeysAsync(HostUnderLoad host, RecordKind kind)
    {
        var destination = UniqueRows.Destination(host.Route, kind);
        var values = TransportRows.RowOf(host.Route, host.Settings) switch
        {
            TransportRows.Embedded => ReadEmbedded(host, destination),
            TransportRows.Kafka => ReadTopic(host.Settings["Kafka:BootstrapServers"]!, destination),
            TransportRows.Kinesis => await ReadStreamAsync(destination),
            var row => throw new ArgumentOutOfRangeException(nameof(host), row, "no log reader for this transport"),
        };
        return [.. values.Select(v => UniqueRows.KeyOf(kind, v.Span))];
    }

    /// <summary>The log file itself (the host is dead, so its lock is free).</summary>
    private static List<ReadOnlyMemory<byte>> ReadEmbedded(HostUnderLoad host, string destination)
    {
        var path = host.Route == Route.Batch
            ? EmbeddedLogStore.TopicPartitionPath(host.DataDir, destination, 0)
            : EmbeddedLogStore.StreamShardPath(host.DataDir, destination);
        if (!File.Exists(path))
        {
            return [];
        }

        var values = new List<ReadOnlyMemory<byte>>();
        using var log = DurableLog.Open(path);
        for (var next = 0L; next < log.NextOffset;)
        {
            var entries = log.Read(next, ReadChunk);
            values.AddRange(entries.Select(e => e.Payload));
            next = entries[^1].Offset + 1;
        }

        return values;
    }

    /// <summary>Every partition from its start until the consumer reports its end, by a consumer outside any group.</summary>
    private static List<ReadOnlyMemory<byte>> ReadTopic(string bootstrapServers, string topic)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers }).Build();
        var partitions = admin.GetMetadata(topic, KafkaTimeout).Topics.Single(t => t.Topic == topic).Partitions
            .Select(p => new TopicPartition(topic, p.PartitionId)).ToHashSet();
        var config = new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "reliability-check", // required by the client; nothing is committed, nothing joins
            EnableAutoCommit = false,
            EnablePartitionEof = true,
        };
        using var consumer = new ConsumerBuilder<Ignore, byte[]>(config).Build();
        foreach (var partition in partitions)
        {
            // The mock cluster drops a partition's oldest records past about 5 MB; the check needs them all.
            consumer.QueryWatermarkOffsets(partition, KafkaTimeout).Low.Value.Should().Be(0, "{0} must still hold every record (keep the load smaller)", partition);
        }

        consumer.Assign(partitions.Select(p => new TopicPartitionOffset(p, Offset.Beginning)));
        var values = new List<ReadOnlyMemory<byte>>();
        while (partitions.Count > 0)
        {
            var result = consumer.Consume(KafkaTimeout)
                ?? throw new TimeoutException($"Nothing read from {topic} within {KafkaTimeout}; still to read: {string.Join(", ", partitions)}.");
            if (result.IsPartitionEOF)
            {
                partitions.Remove(result.TopicPartition);
            }
            else
            {
                values.Add(result.Message.Value);
            }
        }

        return values;
    }

    /// <summary>Every shard of the stream, on the kinesalite of the test servers (not through a host's forwarder).</summary>
    private static async Task<List<ReadOnlyMemory<byte>>> ReadStreamAsync(string stream)
    {
        await using var streams = KinesaliteStreams.Open();
        var values = new List<ReadOnlyMemory<byte>>();
        foreach (var shard in await streams.Client.ListShardsAsync(stream, CancellationToken.None))
        {
            values.AddRange((await streams.ReadShardAsync(stream, shard.ShardId)).Select(r => r.Data));
        }

        return values;
    }
}
