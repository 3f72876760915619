namespace Pinterest.Modular.Infrastructure.Kinesis;

/// <summary>
/// The Kinesis Data Streams operations the stream route uses (JSON 1.1 API, SigV4-signed). Throttling
/// (<c>ProvisionedThroughputExceededException</c>, <c>LimitExceededException</c>) and server errors are retried with
/// backoff inside the client; what still fails surfaces as <see cref="KinesisException"/>.
/// </summary>
public interface IKinesisClient
{
    /// <summary>Creates a provisioned stream; <see cref="KinesisException"/> with <c>ResourceInUseException</c> when it exists.</summary>
    Task CreateStreamAsync(string stream, int shardCount, CancellationToken cancellationToken);

    Task DeleteStreamAsync(string stream, CancellationToken cancellationToken);

    Task<KinesisStreamSummary> DescribeStreamSummaryAsync(string stream, CancellationToken cancellationToken);

    /// <summary>Every stream name, following pagination.</summary>
    Task<IReadOnlyList<string>> ListStreamsAsync(CancellationToken cancellationToken);

    /// <summary>Every shard of the stream, open and closed, following pagination.</summary>
    Task<IReadOnlyList<KinesisShard>> ListShardsAsync(string stream, CancellationToken cancellationToken);

    Task<KinesisPutResult> PutRecordAsync(string stream, KinesisPutEntry entry, CancellationToken cancellationToken);

    /// <summary>
    /// Puts any number of entries: splits them by the service limits (500 records, 5 MiB per request), resends the
    /// entries a partial failure names, and returns one result per entry in the order given.
    /// </summary>
    Task<IReadOnlyList<KinesisPutResult>> PutRecordsAsync(string stream, IReadOnlyList<KinesisPutEntry> entries, CancellationToken cancellationToken);

    Task<string> GetShardIteratorAsync(string stream, string shardId, ShardIteratorStart start, CancellationToken cancellationToken);

    Task<KinesisRecordBatch> GetRecordsAsync(string shardIterator, int limit, CancellationToken cancellationToken);
}

/// <summary>One record to put; <see cref="Data"/> is at most 1 MiB.</summary>
public sealed record KinesisPutEntry(ReadOnlyMemory<byte> Data, string PartitionKey);

public sealed record KinesisPutResult(string ShardId, string SequenceNumber);

/// <summary>Status is CREATING, DELETING, ACTIVE or UPDATING.</summary>
public sealed record KinesisStreamSummary(string StreamName, string StreamArn, string Status, int OpenShardCount, int RetentionPeriodHours);

/// <summary>A shard; <see cref="EndingSequenceNumber"/> is set once the shard is closed (after a reshard).</summary>
public sealed record KinesisShard(
    string ShardId,
    string? ParentShardId,
    string? AdjacentParentShardId,
    string StartingHashKey,
    string EndingHashKey,
    string StartingSequenceNumber,
    string? EndingSequenceNumber);

public enum ShardIteratorType
{
    TrimHorizon,
    Latest,
    AtSequenceNumber,
    AfterSequenceNumber,
}

/// <summary>Where a shard iterator starts; <see cref="SequenceNumber"/> for the AT_/AFTER_SEQUENCE_NUMBER types.</summary>
public sealed record ShardIteratorStart(ShardIteratorType Type, string? SequenceNumber = null)
{
    public static ShardIteratorStart TrimHorizon { get; } = new(ShardIteratorType.TrimHorizon);

    public static ShardIteratorStart Latest { get; } = new(ShardIteratorType.Latest);

    public static ShardIteratorStart After(string sequenceNumber) => new(ShardIteratorType.AfterSequenceNumber, sequenceNumber);
}

public sealed record KinesisRecord(string SequenceNumber, DateTimeOffset ApproximateArrivalTimestamp, ReadOnlyMemory<byte> Data, string PartitionKey);

/// <summary><see cref="NextShardIterator"/> is null once a closed shard has been read to its end.</summary>
public sealed record KinesisRecordBatch(IReadOnlyList<KinesisRecord> Records, string? NextShardIterator, long MillisBehindLatest);
