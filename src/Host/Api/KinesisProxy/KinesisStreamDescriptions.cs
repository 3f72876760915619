using Pinterest.Modular.Application.Routing;
using Pinterest.Modular.Infrastructure.Kinesis;

namespace Pinterest.Modular.Host.Api.KinesisProxy;

/// <summary>A stream on Kinesis as Kinesis describes it: its summary and every shard, open and closed.</summary>
public sealed class KinesisStreamDescriptions(IKinesisClient kinesis) : IStreamDescriptions
{
    public async Task<StreamDescription?> DescribeAsync(string stream, CancellationToken cancellationToken)
    {
        try
        {
            var summary = await kinesis.DescribeStreamSummaryAsync(stream, cancellationToken);

            // A stream still CREATING has no shards to list yet; Kinesis answers ResourceNotFound or ResourceInUse for it.
            var shards = summary.Status == "CREATING" ? [] : await kinesis.ListShardsAsync(stream, cancellationToken);
            return new StreamDescription(summary.StreamName, summary.StreamArn, summary.Status, summary.RetentionPeriodHours, shards);
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
