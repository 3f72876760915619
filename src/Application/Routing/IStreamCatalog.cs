namespace Pinterest.Modular.Application.Routing;

/// <summary>
/// Describes a stream of the stream route as its transport holds it (the Kinesis proxy's <c>GET /streams/{name}</c>):
/// the embedded log's one shard, or the real Kinesis stream's shards.
/// </summary>
public interface IStreamCatalog
{
    /// <summary>
    /// The stream as the transport sees it, or null when the transport has no such stream. Throws
    /// <see cref="TransportUnavailableException"/> when the transport cannot be asked.
    /// </summary>
    Task<StreamDescription?> DescribeAsync(string stream, CancellationToken cancellationToken);
}

/// <summary>A stream's state: <see cref="Status"/> is CREATING, DELETING, ACTIVE or UPDATING, as Kinesis says it.</summary>
public sealed record StreamDescription(string Name, string Arn, string Status, int RetentionPeriodHours, IReadOnlyList<StreamShard> Shards);

/// <summary>
/// One shard: the hash keys it takes (decimal strings, 128-bit) and its sequence numbers;
/// <see cref="EndingSequenceNumber"/> is set once the shard is closed by a reshard.
/// </summary>
public sealed record StreamShard(
    string ShardId,
    string? ParentShardId,
    string? AdjacentParentShardId,
    string StartingHashKey,
    string EndingHashKey,
    string StartingSequenceNumber,
    string? EndingSequenceNumber);
