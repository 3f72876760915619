using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Pinterest.Modular.Application.Batch;
using Pinterest.Modular.Application.Landing;
using Pinterest.Modular.Application.Persistence;
using Pinterest.Modular.Application.Routing;

namespace Pinterest.Modular.Infrastructure.Embedded;

/// <summary>
/// Progress of the embedded routes: accepted = records in the logs, landed = the sink's committed offsets (topics),
/// processed = records in landing objects the batch job has stored (topics) or the stream checkpoints (streams),
/// lag = age of the oldest record a stream has not stored yet.
/// </summary>
public sealed class EmbeddedRouteMonitor(
    RouteTable routes, EmbeddedLogStore logs, EmbeddedLandingSink sink, IObjectStore landing, IServiceScopeFactory scopes, TimeProvider clock)
    : IRouteMonitor
{
    public async Task<IReadOnlyList<DestinationProgress>> GetProgressAsync(CancellationToken cancellationToken)
    {
        IReadOnlyDictionary<string, string> checkpoints, processedObjects;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var warehouse = scope.ServiceProvider.GetRequiredService<IWarehouse>();
            checkpoints = await warehouse.GetMarksAsync(EmbeddedStreamWorker.CheckpointScope, cancellationToken);
            processedObjects = await warehouse.GetMarksAsync(BatchJob.LandingScope, cancellationToken);
        }

        var progress = new List<DestinationProgress>();
        foreach (var topic in routes.Topics)
        {
            long accepted = 0, landed = 0;
            for (var p = 0; p < logs.PartitionCount(topic.Name); p++)
            {
                accepted += logs.GetTopicPartition(topic.Name, p).NextOffset;
                landed += sink.CommittedOffset(topic.Name, p);
            }

            var processed = await CountProcessedAsync(topic.Name, processedObjects, cancellationToken);
            progress.Add(new DestinationProgress(topic, accepted, landed, processed, null));
        }

        foreach (var stream in routes.Streams)
        {
            var log = logs.GetStreamShard(stream.Name);
            var processed = checkpoints.TryGetValue(EmbeddedStreamWorker.CheckpointKey(stream.Name), out var last)
                ? long.Parse(last, CultureInfo.InvariantCulture) + 1
                : 0;
            var oldestWaiting = processed < log.NextOffset ? log.Read(processed, 1) : [];
            var lag = oldestWaiting.Count > 0 ? clock.GetUtcNow() - oldestWaiting[0].AppendedAt : TimeSpan.Zero;
            progress.Add(new DestinationProgress(stream, log.NextOffset, null, processed, lag));
        }

        return progress;
    }

    /// <summary>
    /// Records in the landing objects the batch job has stored (key and ETag marked). The sink's objects of a partition
    /// are contiguous, so an object holds the offsets from its start to the next object's start (the last one: to the
    /// committed offset).
    /// </summary>
    private async Task<long> CountProcessedAsync(string topic, IReadOnlyDictionary<string, string> marks, CancellationToken cancellationToken)
    {
        var objects = new List<(LandingObjectKey Key, bool Processed)>();
        await foreach (var stored in landing.ListAsync(LandingObjectKey.TopicPrefix(topic), cancellationToken))
        {
            if (LandingObjectKey.TryParse(stored.Key, out var key))
            {
                objects.Add((key, marks.TryGetValue(stored.Key, out var etag) && etag == stored.ETag));
            }
        }

        long processed = 0;
        foreach (var partition in objects.GroupBy(o => o.Key.Partition))
        {
            var ordered = partition.OrderBy(o => o.Key.StartOffset).ToList();
            for (var i = 0; i < ordered.Count; i++)
            {
                var end = i + 1 < ordered.Count ? ordered[i + 1].Key.StartOffset : sink.CommittedOffset(topic, partition.Key);
                processed += ordered[i].Processed ? Math.Max(0, end - ordered[i].Key.StartOffset) : 0;
            }
        }

        return processed;
    }
}
