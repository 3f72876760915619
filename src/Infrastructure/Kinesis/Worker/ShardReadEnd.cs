namespace Pinterest.Modular.Infrastructure.Kinesis.Worker;

/// <summary>Why a shard reader stopped.</summary>
public enum ShardReadEnd
{
    /// <summary>Asked to stop (host shutting down, or giving the shard to another worker); the lease is released.</summary>
    Stopped,

    /// <summary>A closed shard read to its end and checkpointed as such: its children may be read.</summary>
    ShardEnd,

    /// <summary>Another host took the lease over; nothing more was stored.</summary>
    LeaseLost,
}
