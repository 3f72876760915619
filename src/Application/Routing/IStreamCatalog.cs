namespace Pinterest.Modular.Application.Routing;

/// <summary>
/// The streams of the stream route as a transport holds them, for a transport that is not Kinesis itself (the Kinesis
/// proxy describes Kinesis's own streams from Kinesis, with its wire shapes).
/// </summary>
public interface IStreamCatalog
{
    /// <summary>
    /// The stream as the transport sees it, or null when the transport has no such stream. Throws
    /// <see cref="TransportUnavailableException"/> when the transport cannot be asked.
    /// </summary>
    Task<StreamState?> DescribeAsync(string stream, CancellationToken cancellationToken);
}

/// <summary>A stream's state: <see cref="Status"/> is CREATING, DELETING, ACTIVE or UPDATING; its shards' ids, in order.</summary>
public sealed record StreamState(string Name, string Status, IReadOnlyList<string> ShardIds);
