namespace Pinterest.Modular.Infrastructure.Kinesis.Worker;

/// <summary>
/// The leases the stream workers share in the warehouse: one per shard being read, and one per live worker (so a
/// worker holding no shard yet still counts when the others work out their fair share).
/// </summary>
public static class KinesisLeaseNames
{
    public const string ShardPrefix = "kinesis/";

    public const string WorkerPrefix = "kinesis-workers/";

    public static string Shard(string stream, string shardId) => $"{ShardPrefix}{stream}/{shardId}";

    public static string Worker(string workerId) => WorkerPrefix + workerId;
}
