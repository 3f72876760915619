using Pinterest.Modular.Application.Routing;

namespace Pinterest.Modular.Infrastructure.Kinesis.Worker;

/// <summary>
/// A shard that may be read now, and where to start it if it has no checkpoint yet (the reader reads the checkpoint
/// again once it holds the lease, as another host may have stored more since).
/// </summary>
public sealed record LeasableShard(Destination Stream, KinesisShard Shard, ShardIteratorStart StartWithoutCheckpoint)
{
    public string LeaseName => KinesisLeaseNames.Shard(Stream.Name, Shard.ShardId);
}
