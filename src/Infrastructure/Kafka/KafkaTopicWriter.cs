using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Confluent.Kafka;
using Pinterest.Modular.Application.Ingest;
using Pinterest.Modular.Application.Routing;

namespace Pinterest.Modular.Infrastructure.Kafka;

/// <summary>
/// The batch route on Kafka: produces an API request's records through the process's one idempotent producer and
/// answers with the broker's own partition and offset of each, once every record is acknowledged by all in-sync
/// replicas. A record's partition, when the client gave one, is honoured; otherwise its key is hashed as the Java
/// client hashes it. Failures surface within <c>Kafka:RequestTimeoutMs</c>, as <see cref="TransportUnavailableException"/>
/// when a retry may succeed and <see cref="TransportRejectedException"/> when it cannot.
/// </summary>
public sealed class KafkaTopicWriter(KafkaCluster cluster, TimeProvider time) : ITopicWriter
{
    /// <summary>How long a topic's partition count is trusted before metadata is asked again (partitions may be added).</summary>
    private static readonly TimeSpan PartitionCountLifetime = TimeSpan.FromSeconds(30);

    /// <summary>Beyond the producer's own timeout: the delivery report of a timed-out record is on its way.</summary>
    private static readonly TimeSpan ReportGrace = TimeSpan.FromSeconds(2);

    private readonly Dictionary<string, (int Count, DateTimeOffset ReadAt)> _partitionCounts = new(StringComparer.Ordinal);
    private readonly Lock _counting = new();

    public int PartitionCount(string topic)
    {
        var now = time.GetUtcNow();
        lock (_counting)
        {
            if (_partitionCounts.TryGetValue(topic, out var known) && now - known.ReadAt < PartitionCountLifetime)
            {
                return known.Count;
            }
        }

        var count = ReadPartitionCount(topic);
        lock (_counting)
        {
            _partitionCounts[topic] = (count, now);
        }

        return count;
    }

    public async Task<IReadOnlyList<RecordAck>> AppendAsync(string topic, IReadOnlyList<IngestRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        await EnsureTopicsAsync(cancellationToken);
        var producer = cluster.Producer;
        var deliveries = new KafkaDeliveries(records.Count);
        var anyPartition = new TopicPartition(topic, Partition.Any);
        try
        {
            for (var i = 0; i < records.Count; i++)
            {
                var record = records[i];
                var message = new Message<byte[]?, byte[]>
                {
                    Key = record.Key is null ? null : Encoding.UTF8.GetBytes(record.Key),
                    Value = WholeArray(record.Value),
                };

                // Not the request's token: a record handed to the producer is sent whatever the client does next, and
                // its outcome is known within the producer's timeout.
                var target = record.Partition is { } partition
                    ? new TopicPartition(topic, new Partition(partition))
                    : anyPartition;
                producer.Produce(target, message, deliveries.ReportFor(i));
            }

            return await deliveries.Completion.WaitAsync(cluster.Options.RequestTimeout + ReportGrace, time, CancellationToken.None);
        }
        catch (KafkaException ex)
        {
            // Refused before sending (the local queue is full, the partition is unknown), or failed at the brokers.
            throw KafkaErrors.ForRecords(ex.Error, topic, cluster.Options);
        }
        catch (TimeoutException)
        {
            throw new TransportUnavailableException(string.Create(
                CultureInfo.InvariantCulture,
                $"Kafka did not acknowledge the records for {topic} within {cluster.Options.RequestTimeoutMs} ms."));
        }
    }

    /// <summary>The value's own array when it spans one whole (no copy per record), else a copy.</summary>
    private static byte[] WholeArray(ReadOnlyMemory<byte> value) =>
        MemoryMarshal.TryGetArray(value, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : value.ToArray();

    private int ReadPartitionCount(string topic)
    {
        try
        {
            EnsureTopicsAsync(CancellationToken.None).GetAwaiter().GetResult();
            var metadata = cluster.Admin.GetMetadata(topic, cluster.Options.RequestTimeout);
            var described = metadata.Topics.SingleOrDefault(t => t.Topic == topic);
            if (described is { Error.IsError: true })
            {
                throw KafkaErrors.ForRecords(described.Error, topic, cluster.Options);
            }

            if (described is null || described.Partitions.Count == 0)
            {
                throw new TransportUnavailableException($"Kafka has no partitions for topic {topic}.");
            }

            return described.Partitions.Count;
        }
        catch (KafkaException ex)
        {
            throw KafkaErrors.ForRecords(ex.Error, topic, cluster.Options);
        }
    }

    /// <summary>The topics exist before the first record; an unreachable cluster is a transport that is down.</summary>
    private async Task EnsureTopicsAsync(CancellationToken cancellationToken)
    {
        try
        {
            await cluster.EnsureTopicsAsync(cancellationToken);
        }
        catch (Microsoft.Extensions.Options.OptionsValidationException ex)
        {
            throw new TransportUnavailableException(ex.Message, ex);
        }
    }
}
