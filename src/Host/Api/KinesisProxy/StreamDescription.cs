using Pinterest.Modular.Infrastructure.Kinesis;

namespace Pinterest.Modular.Host.Api.KinesisProxy;

/// <summary>
/// A stream as DescribeStream answers it: <see cref="Status"/> is CREATING, DELETING, ACTIVE or UPDATING; its shards
/// in Kinesis's own shape (hash key range, sequence number range, parents after a reshard).
/// </summary>
public sealed record StreamDescription(string Name, string Arn, string Status, int RetentionPeriodHours, IReadOnlyList<KinesisShard> Shards);

/// <summary>Describes the pipeline's streams for the Kinesis proxy's <c>GET /streams/{name}</c>.</summary>
public interface IStreamDescriptions
{
    /// <summary>
    /// The stream, or null when its transport has no such stream. Throws
    /// <see cref="Application.Routing.TransportUnavailableException"/> when the transport cannot be asked.
    /// </summary>
    Task<StreamDescription?> DescribeAsync(string stream, CancellationToken cancellationToken);
}
