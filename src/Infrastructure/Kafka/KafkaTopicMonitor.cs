using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Pinterest.Modular.Application.Batch;
using Pinterest.Modular.Application.Landing;
using Pinterest.Modular.Application.Persistence;
using Pinterest.Modular.Application.Routing;
using Pinterest.Modular.Infrastructure.ObjectStore;

namespace Pinterest.Modular.Infrastructure.Kafka;

/// <summary>
/// Progress of the batch route on Kafka, whichever hosts do the work: accepted = the partitions' high watermarks,
/// landed = the sink group's committed offsets, processed = records in landing objects the batch job has stored.
/// </summary>
public sealed class KafkaTopicMonitor(KafkaCluster cluster, RouteTable routes, IObjectStore landing, IServiceScopeFactory scopes)
    : ITransportMonitor, IDisposable
{
    private readonly SemaphoreSlim _querying = new(1, 1);
    private IConsumer<byte[]?, byte[]>? _offsets;

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
            var (accepted, committed) = await ReadOffsetsAsync(topic.Name, cancellationToken);
            var processed = await LandedProgress.CountProcessedAsync(
                landing, topic.Name, processedObjects, partition => committed.GetValueOrDefault(partition), cancellationToken);
            progress.Add(new DestinationProgress(topic, accepted, committed.Values.Sum(), processed, null));
        }

        return progress;
    }

    public void Dispose()
    {
        _offsets?.Dispose();
        _querying.Dispose();
    }

    /// <summary>The topic's records (sum of high watermarks) and the group's committed offset per partition.</summary>
    private async Task<(long Accepted, Dictionary<int, long> Committed)> ReadOffsetsAsync(string topic, CancellationToken cancellationToken)
    {
        await _querying.WaitAsync(cancellationToken);
        try
        {
            // librdkafka's calls block; one query at a time, off the caller's thread.
            return await Task.Run(
                () =>
                {
                    var timeout = cluster.Options.RequestTimeout;
                    var described = cluster.Admin.GetMetadata(topic, timeout).Topics.SingleOrDefault(t => t.Topic == topic);
                    var partitions = described?.Partitions.Select(p => new TopicPartition(topic, p.PartitionId)).ToList() ?? [];
                    if (partitions.Count == 0)
                    {
                        return (0L, new Dictionary<int, long>());
                    }

                    var consumer = OffsetsConsumer();
                    var accepted = partitions.Sum(p => consumer.QueryWatermarkOffsets(p, timeout).High.Value);
                    var committed = consumer.Committed(partitions, timeout)
                        .ToDictionary(c => c.Partition.Value, c => Math.Max(0, c.Offset.Value));
                    return (accepted, committed);
                },
                cancellationToken);
        }
        finally
        {
            _querying.Release();
        }
    }

    /// <summary>A consumer in the sink's group that never joins it: it only reads watermarks and committed offsets.</summary>
    private IConsumer<byte[]?, byte[]> OffsetsConsumer()
    {
        _offsets ??= cluster.NewConsumer(cluster.Options.ConsumerGroup).Build();

        // Serves the client's callbacks (an IAM token refresh among them) without reading any record.
        _offsets.Consume(TimeSpan.Zero);
        return _offsets;
    }
}
