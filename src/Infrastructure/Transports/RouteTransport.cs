using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pinterest.Modular.Application.Routing;

namespace Pinterest.Modular.Infrastructure.Transports;

/// <summary>
/// One transport a route may run on: the route, its value in <c>Pipeline:BatchTransport</c> or
/// <c>Pipeline:StreamTransport</c> (matched ignoring case), what it keeps under <c>Pipeline:DataDir</c> (null when its
/// state is elsewhere), and its registration. The batch route's registers the topic writer, the landing sink and its
/// worker and a progress monitor; the stream route's the stream writer, a reader that runs the stream loop
/// (<see cref="Application.Streaming.StreamBatchLoop"/>) over the shards, a progress monitor and, unless it is Kinesis
/// itself, an <see cref="IStreamCatalog"/>.
/// </summary>
public sealed record RouteTransport(Route Route, string Name, string? DataDirState, Action<IServiceCollection, IConfiguration> Register);
