namespace Pinterest.Modular.Infrastructure.Kinesis.Worker;

/// <summary>Configuration section <c>Kinesis:Worker</c>: how the stream worker reads shards and shares them between hosts.</summary>
public sealed class KinesisWorkerOptions
{
    public const string Section = "Kinesis:Worker";

    /// <summary>
    /// <c>Kinesis:Worker:StartPosition</c>: where a shard with no checkpoint starts. Children of a reshard always start
    /// at their trim horizon, so nothing put after the reshard is missed.
    /// </summary>
    public KinesisStartPosition StartPosition { get; set; } = KinesisStartPosition.TrimHorizon;

    /// <summary>
    /// <c>Kinesis:Worker:LeaseDuration</c>: how long a shard lease lasts unrenewed, i.e. how long a lost host's shards
    /// wait before another host takes them. Readers renew at a third of it.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// <c>Kinesis:Worker:BalanceInterval</c>: how often the worker lists shards (to see reshards), counts the live
    /// workers and takes or gives up leases to hold its fair share. At most half of <see cref="LeaseDuration"/>.
    /// </summary>
    public TimeSpan BalanceInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// <c>Kinesis:Worker:PollInterval</c>: the wait after a short or empty GetRecords on a shard, once it is caught up (AWS
    /// recommends about a second; each shard allows 5 reads a second, so at least 200 ms).
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary><c>Kinesis:Worker:MaxRecordsPerBatch</c>: the most records one GetRecords returns, stored in one transaction.</summary>
    public int MaxRecordsPerBatch { get; set; } = 500;

    /// <summary>
    /// <c>Kinesis:Worker:WorkerId</c>: this host's name in the leases; unique per process (machine, process id and a
    /// random part by default).
    /// </summary>
    public string WorkerId { get; set; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>The shortest wait between two GetRecords calls on one shard (5 per second per shard).</summary>
    public static readonly TimeSpan MinPollInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// The wait before the next GetRecords on a shard, as the Kinesis Client Library decides it: none after a full
    /// batch (the shard holds more, whatever <c>MillisBehindLatest</c> says: kinesalite always says 0); after a short
    /// or empty one, <see cref="PollInterval"/>, or the per-shard minimum when the shard says it is still behind
    /// (Kinesis may answer short, even empty, in the middle of a backlog). A read faster than a shard allows is
    /// throttled and retried by the client.
    /// </summary>
    public static TimeSpan? WaitAfter(KinesisRecordBatch batch, KinesisWorkerOptions options)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(options);
        if (batch.Records.Count >= options.MaxRecordsPerBatch)
        {
            return null;
        }

        return batch.MillisBehindLatest > 0 ? MinPollInterval : options.PollInterval;
    }

    /// <summary>A held lease is renewed once this much of it has passed.</summary>
    public TimeSpan RenewEvery => LeaseDuration / 3;
}
