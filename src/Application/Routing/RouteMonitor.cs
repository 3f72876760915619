using Pinterest.Modular.Application.Kinds;

namespace Pinterest.Modular.Application.Routing;

/// <summary>Both routes' progress, whichever transports carry them: topics first, each route in the kinds' order.</summary>
public sealed class RouteMonitor(IEnumerable<ITransportMonitor> transports, RecordKindRegistry kinds) : IRouteMonitor
{
    /// <summary>The progress of the built-in kinds' destinations.</summary>
    public RouteMonitor(IEnumerable<ITransportMonitor> transports)
        : this(transports, new RecordKindRegistry(BuiltInKinds.All))
    {
    }

    public async Task<IReadOnlyList<DestinationProgress>> GetProgressAsync(CancellationToken cancellationToken)
    {
        var progress = new List<DestinationProgress>();
        foreach (var transport in transports)
        {
            progress.AddRange(await transport.GetProgressAsync(cancellationToken));
        }

        return [.. progress.OrderBy(p => p.Destination.Route).ThenBy(p => Position(p.Destination))];
    }

    private int Position(Destination destination)
    {
        var position = 0;
        foreach (var kind in kinds.Kinds)
        {
            if (kind == destination.Kind)
            {
                return position;
            }

            position++;
        }

        return position;
    }
}
