namespace Pinterest.Modular.Application.Routing;

/// <summary>Both routes' progress, whichever transports carry them, topics first.</summary>
public sealed class RouteMonitor(IEnumerable<ITransportMonitor> transports) : IRouteMonitor
{
    public async Task<IReadOnlyList<DestinationProgress>> GetProgressAsync(CancellationToken cancellationToken)
    {
        var progress = new List<DestinationProgress>();
        foreach (var transport in transports)
        {
            progress.AddRange(await transport.GetProgressAsync(cancellationToken));
        }

        return [.. progress.OrderBy(p => p.Destination.Route).ThenBy(p => p.Destination.Kind)];
    }
}
