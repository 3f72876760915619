using System.Globalization;
using System.Numerics;
using Pinterest.Modular.Application.Routing;
using Pinterest.Modular.Infrastructure.Kinesis;

namespace Pinterest.Modular.Host.Api.KinesisProxy;

/// <summary>
/// A stream of a transport that is not Kinesis (the embedded logs) described as Kinesis would: a local ARN, the
/// default 24 h retention, and its shards splitting the 128-bit hash range evenly (as Kinesis splits a new stream),
/// each starting at sequence number 0.
/// </summary>
public sealed class CatalogStreamDescriptions(IStreamCatalog catalog) : IStreamDescriptions
{
    private const string AccountArn = "arn:aws:kinesis:local:000000000000:stream/";
    private const int RetentionPeriodHours = 24;

    private static readonly BigInteger HashKeys = BigInteger.One << 128;

    public async Task<StreamDescription?> DescribeAsync(string stream, CancellationToken cancellationToken)
    {
        var state = await catalog.DescribeAsync(stream, cancellationToken);
        if (state is null)
        {
            return null;
        }

        var step = HashKeys / Math.Max(1, state.ShardIds.Count);
        var shards = new KinesisShard[state.ShardIds.Count];
        for (var i = 0; i < shards.Length; i++)
        {
            var end = i == shards.Length - 1 ? HashKeys - 1 : (step * (i + 1)) - 1;
            shards[i] = new KinesisShard(state.ShardIds[i], null, null, Decimal(step * i), Decimal(end), "0", null);
        }

        return new StreamDescription(state.Name, AccountArn + state.Name, state.Status, RetentionPeriodHours, shards);
    }

    private static string Decimal(BigInteger value) => value.ToString(CultureInfo.InvariantCulture);
}
