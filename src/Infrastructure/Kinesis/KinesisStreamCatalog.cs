using Pinterest.Modular.Application.Routing;

namespace Pinterest.Modular.Infrastructure.Kinesis;

/// <summary>Describes a stream as Kinesis holds it: its summary and every shard, open and closed.</summary>
public sealed class KinesisStreamCatalog(IKinesisClient kinesis) : IStreamCatalog
{
    public async Task<StreamDescription?> DescribeAsync(string stream, CancellationToken cancellationToken)
    {
        try
        {
            var summary = await kinesis.DescribeStreamSummaryAsync(stream, cancellationToken);

            // A stream still CREATING has no shards to list yet; Kinesis answers ResourceNotFound or ResourceInUse for it.
            var shards = summary.Status == "CREATING" ? [] : await kinesis.ListShardsAsync(stream, cancellationToken);
            return new StreamDescription(
                summary.StreamName,
                summary.StreamArn,
                summary.Status,
                summary.RetentionPeriodHours,
                [.. shards.Select(s => new StreamShard(
                    s.ShardId, s.ParentShardId, s.AdjacentParentShardId, s.StartingHashKey, s.EndingHashKey, s.StartingSequenceNumber, s.EndingSequenceNumber))]);
        }
        catch (KinesisException ex) when (ex.IsNotFound)
        {
            return null;
        }
        catch (KinesisException ex)
        {
            throw new TransportUnavailableException($"Kinesis could not describe stream {stream}: {ex.Message}", ex);
        }
    }
}
