using Pinterest.Modular.Application.Routing;

namespace Pinterest.Modular.Infrastructure.Kinesis.Worker;

/// <summary>
/// Which shards the workers should be reading, and how many each takes. A shard is done once its checkpoint is
/// <see cref="KinesisCheckpoints.ShardEnd"/>; a child of a reshard waits until its parents are done (or gone past the
/// retention period), so records of one partition key are stored in the order they were put.
/// </summary>
public static class KinesisShardPlan
{
    public static IReadOnlyList<LeasableShard> Leasable(
        Destination stream,
        IReadOnlyList<KinesisShard> shards,
        IReadOnlyDictionary<string, string> checkpoints,
        KinesisStartPosition startPosition)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(shards);
        ArgumentNullException.ThrowIfNull(checkpoints);
        var listed = shards.Select(s => s.ShardId).ToHashSet(StringComparer.Ordinal);
        bool Done(string shardId) =>
            !listed.Contains(shardId)
            || (checkpoints.TryGetValue(KinesisCheckpoints.Key(stream.Name, shardId), out var checkpoint) && checkpoint == KinesisCheckpoints.ShardEnd);

        var leasable = new List<LeasableShard>();
        foreach (var shard in shards.OrderBy(s => s.ShardId, StringComparer.Ordinal))
        {
            string[] parents = [.. new[] { shard.ParentShardId, shard.AdjacentParentShardId }.OfType<string>()];
            if (Done(shard.ShardId) || parents.Any(p => !Done(p)))
            {
                continue;
            }

            // A child's records follow its parents': read it from its start whatever the setting says.
            var start = parents.Any(listed.Contains) || startPosition == KinesisStartPosition.TrimHorizon
                ? ShardIteratorStart.TrimHorizon
                : ShardIteratorStart.Latest;
            leasable.Add(new LeasableShard(stream, shard, start));
        }

        return leasable;
    }

    /// <summary>Shards per worker, rounded up (as the Kinesis Client Library does), so every shard has a taker.</summary>
    public static int FairShare(int shards, int workers) => workers <= 1 ? shards : (shards + workers - 1) / workers;
}
