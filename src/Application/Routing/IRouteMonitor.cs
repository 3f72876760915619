namespace Pinterest.Modular.Application.Routing;

/// <summary>
/// How far records on one topic or stream have got: accepted by the transport, landed in the object store
/// (topics), processed into the warehouse (streams: checkpointed), and how far the reader is behind.
/// </summary>
public sealed record DestinationProgress(Destination Destination, long Accepted, long? Landed, long? Processed, TimeSpan? Lag);

/// <summary>Reports <see cref="DestinationProgress"/> for every open topic and stream.</summary>
public interface IRouteMonitor
{
    Task<IReadOnlyList<DestinationProgress>> GetProgressAsync(CancellationToken cancellationToken);
}
