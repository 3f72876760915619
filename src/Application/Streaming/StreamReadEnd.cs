namespace Pinterest.Modular.Application.Streaming;

/// <summary>Why a <see cref="StreamBatchLoop"/> stopped reading a shard.</summary>
public enum StreamReadEnd
{
    /// <summary>Asked to stop (host shutting down, or giving the shard to another host).</summary>
    Stopped,

    /// <summary>A closed shard read to its end and checkpointed as such: its children may be read.</summary>
    ShardEnd,

    /// <summary>Another reader took the shard's lease over; nothing more was stored.</summary>
    LeaseLost,
}
