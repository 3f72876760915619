using Confluent.Kafka;
using Pinterest.Modular.Infrastructure.ObjectStore;

namespace Pinterest.Modular.Infrastructure.Kafka;

/// <summary>
/// One partition the sink's consumer owns: its S3-sink writer and how far it got. Touched only by the sink's loop
/// thread (the consumer calls its rebalance handlers there too).
/// </summary>
internal sealed class KafkaSinkPartition(TopicPartition topicPartition, S3SinkWriter writer, long committed)
{
    public TopicPartition TopicPartition { get; } = topicPartition;

    public S3SinkWriter Writer { get; } = writer;

    /// <summary>The group's committed offset: every record below it is in a landed object (-1: none committed yet).</summary>
    public long Committed { get; set; } = committed;

    /// <summary>One past the last offset fed to the writer (-1: nothing fed since the assignment or the last reset).</summary>
    public long Fed { get; set; } = -1;

    /// <summary>Where reading must go on from after a failure: the committed offset, or the start (auto.offset.reset).</summary>
    public Offset Resume => Committed >= 0 ? new Offset(Committed) : Offset.Beginning;

    /// <summary>Whether every record below <paramref name="high"/> has been fed (a partition below <paramref name="low"/> holds none).</summary>
    public bool HasReached(long low, long high) => Math.Max(Math.Max(Fed, Committed), low) >= high;
}
