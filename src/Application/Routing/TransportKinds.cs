namespace Pinterest.Modular.Application.Routing;

/// <summary><c>Pipeline:BatchTransport</c>: what carries the batch route's topics.</summary>
public enum BatchTransport
{
    /// <summary>Durable logs in the data directory, landed by the embedded sink.</summary>
    Embedded,

    /// <summary>Kafka (Amazon MSK) topics, landed by the sink consumer group.</summary>
    Kafka,
}

/// <summary><c>Pipeline:StreamTransport</c>: what carries the stream route's streams.</summary>
public enum StreamTransport
{
    /// <summary>Durable logs in the data directory, read by the embedded stream worker.</summary>
    Embedded,

    /// <summary>Amazon Kinesis Data Streams (or kinesalite), read shard by shard under leases.</summary>
    Kinesis,
}
