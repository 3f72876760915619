using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pinterest.Modular.Application.Routing;
using Pinterest.Modular.Infrastructure.Embedded;
using Pinterest.Modular.Infrastructure.Kafka;
using Pinterest.Modular.Infrastructure.Kinesis;

namespace Pinterest.Modular.Infrastructure.Transports;

/// <summary>
/// The one place that lists the transports and picks each route's (<c>Pipeline:BatchTransport</c>,
/// <c>Pipeline:StreamTransport</c>, default <c>Embedded</c>). Adding a transport: its adapters and their registration
/// in a folder of its own, and its line in <see cref="All"/>; nothing in Application changes.
/// </summary>
public static class RouteTransports
{
    public const string Default = "Embedded";

    private static readonly RouteTransport[] All =
    [
        new(Route.Batch, "Embedded", "embedded topics", (services, _) => services.AddEmbeddedTopics()),
        new(Route.Batch, "Kafka", null, (services, configuration) => services.AddKafkaTransport(configuration)),
        new(Route.Stream, "Embedded", "embedded streams", (services, _) => services.AddEmbeddedStreams()),
        new(Route.Stream, "Kinesis", null, (services, configuration) => services.AddKinesisTransport(configuration)),
    ];

    /// <summary>The setting that picks the route's transport, e.g. <c>Pipeline:StreamTransport</c>.</summary>
    public static string Key(Route route) =>
        $"{PipelineOptions.Section}:{(route == Route.Batch ? nameof(PipelineOptions.BatchTransport) : nameof(PipelineOptions.StreamTransport))}";

    /// <summary>The transport named by <paramref name="name"/> for the route (empty: the default), or null.</summary>
    public static RouteTransport? Find(Route route, string? name)
    {
        var wanted = string.IsNullOrWhiteSpace(name) ? Default : name;
        return Array.Find(All, t => t.Route == route && string.Equals(t.Name, wanted, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Registers the configured transport of each route; a value no transport has stops start-up naming the key.</summary>
    public static void Register(IServiceCollection services, IConfiguration configuration)
    {
        foreach (var route in Enum.GetValues<Route>())
        {
            Configured(route, configuration).Register(services, configuration);
        }
    }

    private static RouteTransport Configured(Route route, IConfiguration configuration)
    {
        var key = Key(route);
        var value = configuration[key];
        return Find(route, value) ?? throw new OptionsValidationException(
            key,
            typeof(PipelineOptions),
            [$"{key}: '{value}' is not one of {string.Join(", ", All.Where(t => t.Route == route).Select(t => t.Name))}."]);
    }
}
