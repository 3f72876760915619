using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Pinterest.Modular.Application.Persistence;
using Pinterest.Modular.Application.Routing;

namespace Pinterest.Modular.Infrastructure.Embedded;

/// <summary>
/// Progress of the embedded stream route: accepted = records in the stream logs, processed = the checkpoints,
/// lag = age of the oldest record a stream has not stored yet.
/// </summary>
public sealed class EmbeddedStreamMonitor(RouteTable routes, EmbeddedLogStore logs, IServiceScopeFactory scopes, TimeProvider clock)
    : ITransportMonitor
{
    public async Task<IReadOnlyList<DestinationProgress>> GetProgressAsync(CancellationToken cancellationToken)
    {
        IReadOnlyDictionary<string, string> checkpoints;
        await using (var scope = scopes.CreateAsyncScope())
        {
            checkpoints = await scope.ServiceProvider.GetRequiredService<IWarehouse>().GetMarksAsync(EmbeddedShardSource.CheckpointScope, cancellationToken);
        }

        var progress = new List<DestinationProgress>();
        foreach (var stream in routes.Streams)
        {
            var log = logs.GetStreamShard(stream.Name);
            var processed = checkpoints.TryGetValue(EmbeddedShardSource.CheckpointKey(stream.Name), out var last)
                ? long.Parse(last, CultureInfo.InvariantCulture) + 1
                : 0;
            var oldestWaiting = processed < log.NextOffset ? log.Read(processed, 1) : [];
            var lag = oldestWaiting.Count > 0 ? clock.GetUtcNow() - oldestWaiting[0].AppendedAt : TimeSpan.Zero;
            progress.Add(new DestinationProgress(stream, log.NextOffset, null, processed, lag));
        }

        return progress;
    }
}
