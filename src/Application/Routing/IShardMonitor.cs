namespace Pinterest.Modular.Application.Routing;

/// <summary>
/// One shard of a stream: the records any host put into it (counted in the warehouse), the records stored from it,
/// the sequence number of the last one stored, and the host whose lease it is read under (null when none holds it).
/// </summary>
public sealed record ShardProgress(Destination Stream, string ShardId, long Accepted, long Stored, string? LastStoredSequenceNumber, string? Owner)
{
    /// <summary>Accepted and not stored yet; never below zero (a host that died may not have counted its last second).</summary>
    public long Backlog => Math.Max(0, Accepted - Stored);
}

/// <summary>Per-shard progress of a stream transport that has shards (Kinesis); absent for the embedded streams.</summary>
public interface IShardMonitor
{
    Task<IReadOnlyList<ShardProgress>> GetShardsAsync(CancellationToken cancellationToken);
}
