using System.Globalization;
using System.Security.Cryptography;
using Pinterest.Modular.Application.Ingest;
using Pinterest.Modular.Application.Routing;

namespace Pinterest.Modular.Infrastructure.Kinesis;

/// <summary>
/// The stream route's writer on Kinesis: one PutRecord for one record, PutRecords (split and partial failures resent
/// by the client) for several. Answers only once Kinesis holds every record, and counts them per shard.
/// </summary>
public sealed class KinesisStreamWriter(IKinesisClient kinesis, KinesisAcceptedCounts accepted) : IStreamWriter
{
    /// <summary>
    /// Kinesis sequence numbers reach 129 digits, past any <see cref="long"/>: the acks carry them as text only and
    /// this in place of an offset.
    /// </summary>
    public const long NoOffset = -1;

    private const string ShardIdPrefix = "shardId-";

    public async Task<IReadOnlyList<RecordAck>> AppendAsync(string stream, IReadOnlyList<IngestRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0)
        {
            return [];
        }

        var entries = records.Select(r => new KinesisPutEntry(r.Value, PartitionKeyOf(r))).ToArray();
        try
        {
            var results = entries.Length == 1
                ? [await kinesis.PutRecordAsync(stream, entries[0], cancellationToken)]
                : await kinesis.PutRecordsAsync(stream, entries, cancellationToken);
            accepted.Add(stream, results);
            return [.. results.Select(r => new RecordAck(ShardIndex(r.ShardId), NoOffset, r.SequenceNumber))];
        }
        catch (KinesisException ex)
        {
            throw KinesisFailures.ForStream(stream, ex);
        }
    }

    /// <summary>
    /// The client's partition key (the Kinesis proxy's <c>PartitionKey</c>) when it sent one. Otherwise a hash of the
    /// record's bytes: Kinesis hashes the key again (MD5) onto a shard, so records spread evenly as with a random key,
    /// yet the same row always lands on the same shard, so a resent duplicate follows its first copy in order.
    /// </summary>
    public static string PartitionKeyOf(IngestRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.Key is { Length: >= 1 and <= PutRecordsBatches.MaxPartitionKeyLength } key
            ? key
            : Convert.ToHexStringLower(SHA256.HashData(record.Key is { Length: > 0 } longKey
                ? System.Text.Encoding.UTF8.GetBytes(longKey)
                : record.Value.Span));
    }

    /// <summary>The shard's index from its id (<c>shardId-000000000003</c> is 3), what the acks call the partition.</summary>
    public static int ShardIndex(string shardId)
    {
        ArgumentNullException.ThrowIfNull(shardId);
        return shardId.StartsWith(ShardIdPrefix, StringComparison.Ordinal)
            && int.TryParse(shardId.AsSpan(ShardIdPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                ? index
                : throw new KinesisException(KinesisResponses.InvalidResponse, $"'{shardId}' is not a shard id like shardId-000000000000.", 200);
    }
}
