using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Pinterest.Modular.Application.Persistence;
using Pinterest.Modular.Application.Routing;
using Pinterest.Modular.Application.Streaming;

namespace Pinterest.Modular.Infrastructure.Embedded;

/// <summary>
/// The embedded stream route's reader: runs the stream loop (<see cref="StreamBatchLoop"/>) over each stream's one
/// shard, from the checkpoint stored with the rows, so a restart resumes exactly after the last stored record.
/// </summary>
public sealed class EmbeddedStreamWorker(
    RouteTable routes,
    EmbeddedLogStore logs,
    StreamBatchLoop loop,
    IServiceScopeFactory scopes,
    IOptions<StreamWorkerOptions> options) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        IReadOnlyDictionary<string, string> marks;
        await using (var scope = scopes.CreateAsyncScope())
        {
            marks = await scope.ServiceProvider.GetRequiredService<IWarehouse>()
                .GetMarksAsync(EmbeddedShardSource.CheckpointScope, stoppingToken);
        }

        await Task.WhenAll(routes.Streams.Select(stream => ReadShardAsync(stream, marks, stoppingToken)));
    }

    private async Task ReadShardAsync(Destination stream, IReadOnlyDictionary<string, string> marks, CancellationToken stoppingToken)
    {
        await Task.Yield();
        var log = logs.GetStreamShard(stream.Name);
        var next = EmbeddedShardSource.NextAfter(marks, stream.Name);
        log.MarkProcessed(next); // stored records may go once retention says so
        await loop.RunAsync(new EmbeddedShardSource(stream, log, next, options.Value.MaxBatchRecords), stoppingToken);
    }
}
