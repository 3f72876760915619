using Microsoft.Extensions.DependencyInjection;
using Pinterest.Modular.Application.Batch;
using Pinterest.Modular.Application.Landing;
using Pinterest.Modular.Application.Persistence;
using Pinterest.Modular.Application.Routing;
using Pinterest.Modular.Infrastructure.ObjectStore;

namespace Pinterest.Modular.Infrastructure.Embedded;

/// <summary>
/// Progress of the embedded batch route: accepted = records in the topic logs, landed = the sink's committed offsets,
/// processed = records in landing objects the batch job has stored.
/// </summary>
public sealed class EmbeddedTopicMonitor(
    RouteTable routes, EmbeddedLogStore logs, EmbeddedLandingSink sink, IObjectStore landing, IServiceScopeFactory scopes)
    : ITransportMonitor
{
    public async Task<IReadOnlyList<DestinationProgress>> GetProgressAsync(CancellationToken cancellationToken)
    {
        IReadOnlyDictionary<string, string> processedObjects;
        await using (var scope = scopes.CreateAsyncScope())
        {
            processedObjects = await scope.ServiceProvider.GetRequiredService<IWarehouse>().GetMarksAsync(BatchJob.LandingScope, cancellationToken);
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

            var processed = await LandedProgress.CountProcessedAsync(
                landing, topic.Name, processedObjects, partition => sink.CommittedOffset(topic.Name, partition), cancellationToken);
            progress.Add(new DestinationProgress(topic, accepted, landed, processed, null));
        }

        return progress;
    }
}
