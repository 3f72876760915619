using Microsoft.Extensions.DependencyInjection;
using Pinterest.Modular.Application.Routing;

namespace Pinterest.Modular.Infrastructure.Kinesis.Worker;

/// <summary>
/// Progress of the Kinesis stream route. Processed = records stored, counted by every host into the warehouse with the
/// checkpoints (exact across hosts and restarts). Kinesis does not say how many records a stream holds, so accepted is
/// what every host counted into the warehouse as put (up to a second late), and never less than processed plus what
/// this host has read and not stored yet (records put by other producers are seen only as they are read). Lag = the largest
/// <c>MillisBehindLatest</c> of the shards this host reads (null when it reads none of the stream's shards).
/// </summary>
public sealed class KinesisStreamMonitor(RouteTable routes, KinesisReadProgress progress, IServiceScopeFactory scopes) : ITransportMonitor
{
    public async Task<IReadOnlyList<DestinationProgress>> GetProgressAsync(CancellationToken cancellationToken)
    {
        var stored = await KinesisCheckpoints.ReadAsync(scopes, KinesisCheckpoints.StoredScope, cancellationToken);
        var accepted = await KinesisCheckpoints.ReadAsync(scopes, KinesisCheckpoints.AcceptedScope, cancellationToken);

        var result = new List<DestinationProgress>();
        foreach (var stream in routes.Streams)
        {
            var prefix = KinesisCheckpoints.Key(stream.Name, string.Empty);
            var processed = stored
                .Where(mark => mark.Key.StartsWith(prefix, StringComparison.Ordinal))
                .Sum(mark => KinesisCheckpoints.ParseStored(mark.Value));
            var counted = accepted
                .Where(mark => mark.Key.StartsWith(prefix, StringComparison.Ordinal))
                .Sum(mark => KinesisCheckpoints.ParseStored(mark.Value));
            var (lag, pending) = progress.Of(stream.Name);
            result.Add(new DestinationProgress(stream, Math.Max(counted, processed + pending), null, processed, lag));
        }

        return result;
    }
}
