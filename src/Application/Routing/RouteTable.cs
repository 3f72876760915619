using Microsoft.Extensions.Options;
using Pinterest.Modular.Application.Kinds;
using Pinterest.Modular.Domain.Common;

namespace Pinterest.Modular.Application.Routing;

/// <summary>A topic or stream, and the kind and route it stands for.</summary>
public sealed record Destination(RecordKind Kind, Route Route, string Name);

/// <summary>
/// The one place that names topics and streams and decides which route each record kind may take.
/// </summary>
public sealed class RouteTable
{
    private readonly Dictionary<string, Destination> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<(RecordKind, Route), Destination> _byKindAndRoute = [];
    private readonly List<Destination> _all = [];

    /// <summary>The route table of the built-in kinds (pin, geo, user).</summary>
    public RouteTable(IOptions<PipelineOptions> options)
        : this(options, new RecordKindRegistry(BuiltInKinds.All))
    {
    }

    public RouteTable(IOptions<PipelineOptions> options, RecordKindRegistry kinds)
    {
        ArgumentNullException.ThrowIfNull(options);
        Prefix = options.Value.TopicPrefix;
        var (routesByKind, errors) = options.Value.ParseRoutes(kinds);
        if (errors.Count > 0)
        {
            throw new OptionsValidationException(PipelineOptions.Section, typeof(PipelineOptions), errors);
        }

        foreach (var (kind, routes) in routesByKind)
        {
            foreach (var route in routes)
            {
                var destination = new Destination(kind, route, NameOf(Prefix, kind, route));
                _byName[destination.Name] = destination;
                _byKindAndRoute[(kind, route)] = destination;
            }
        }

        // Batch before stream, each in the kinds' registered order (pin, geo, user, then any added).
        foreach (var route in new[] { Route.Batch, Route.Stream })
        {
            _all.AddRange(kinds.Kinds.Where(kind => _byKindAndRoute.ContainsKey((kind, route))).Select(kind => _byKindAndRoute[(kind, route)]));
        }
    }

    public string Prefix { get; }

    public IEnumerable<Destination> All => _all;

    public IEnumerable<Destination> Topics => All.Where(d => d.Route == Route.Batch);

    public IEnumerable<Destination> Streams => All.Where(d => d.Route == Route.Stream);

    /// <summary><c>&lt;prefix&gt;.pin</c> for the batch route, <c>streaming-&lt;prefix&gt;-pin</c> for the stream route.</summary>
    public static string NameOf(string prefix, RecordKind kind, Route route) => route switch
    {
        Route.Batch => $"{prefix}.{kind.Name}",
        Route.Stream => $"streaming-{prefix}-{kind.Name}",
        _ => throw new ArgumentOutOfRangeException(nameof(route), route, "Unknown route."),
    };

    public bool TryResolve(Route route, string name, out Destination destination) =>
        _byName.TryGetValue(name, out destination!) && destination.Route == route;

    public bool TryGet(RecordKind kind, Route route, out Destination destination) =>
        _byKindAndRoute.TryGetValue((kind, route), out destination!);

    public bool IsOpen(RecordKind kind, Route route) => _byKindAndRoute.ContainsKey((kind, route));
}
