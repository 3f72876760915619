namespace Pinterest.Modular.Application.Routing;

/// <summary>
/// One transport's report on its own destinations: the batch route's topics or the stream route's streams. Each
/// configured transport registers one; <see cref="RouteMonitor"/> puts them together.
/// </summary>
public interface ITransportMonitor
{
    Task<IReadOnlyList<DestinationProgress>> GetProgressAsync(CancellationToken cancellationToken);
}
