using System.Globalization;
using MassTransit;
using Pinterest.Modular.Application.Common;
using Pinterest.Modular.Application.Ingest;

namespace Pinterest.Modular.Application.Routing;

/// <summary>Put records on their route's transport: the topic of the batch route or the stream of the stream route.</summary>
public sealed record RouteRecords(Destination Destination, IReadOnlyList<IngestRecord> Records);

/// <summary>Appends to the route's transport and answers only once it holds the records durably.</summary>
public sealed class RouteRecordsConsumer(ITopicWriter topics, IStreamWriter streams, PipelineMetrics metrics) : IConsumer<RouteRecords>
{
    public async Task Consume(ConsumeContext<RouteRecords> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (destination, records) = context.Message;
        try
        {
            IReadOnlyList<RecordAck> acks;
            if (destination.Route == Route.Batch)
            {
                var partitions = topics.PartitionCount(destination.Name);
                var outside = FirstOutside(records, partitions);
                if (outside is not null)
                {
                    await context.RespondAsync(IngestResult.Failed(
                        IngestStatus.PartitionNotFound,
                        string.Create(CultureInfo.InvariantCulture, $"Partition {outside.Partition} not found: topic {destination.Name} has {partitions} partition(s).")));
                    return;
                }

                acks = await topics.AppendAsync(destination.Name, records, context.CancellationToken);
            }
            else
            {
                acks = await streams.AppendAsync(destination.Name, records, context.CancellationToken);
            }

            metrics.RecordsAccepted(destination, acks.Count);
            await context.RespondAsync(IngestResult.Accepted(acks));
        }
        catch (TransportUnavailableException ex)
        {
            await context.RespondAsync(IngestResult.Failed(IngestStatus.TransportUnavailable, ex.Message));
        }
        catch (DestinationMissingException ex)
        {
            await context.RespondAsync(IngestResult.Failed(IngestStatus.DestinationNotFound, ex.Message));
        }
        catch (TransportRejectedException ex)
        {
            var status = ex.Refusal switch
            {
                TransportRefusal.NotAuthenticated => IngestStatus.TransportNotAuthenticated,
                TransportRefusal.NotAuthorized => IngestStatus.TransportNotAuthorized,
                _ => IngestStatus.TransportRejected,
            };
            await context.RespondAsync(IngestResult.Failed(status, ex.Message));
        }
    }

    /// <summary>The first record that names a partition the topic does not have (a loop: this runs for every request).</summary>
    private static IngestRecord? FirstOutside(IReadOnlyList<IngestRecord> records, int partitions)
    {
        for (var i = 0; i < records.Count; i++)
        {
            if (records[i].Partition is { } p && (p < 0 || p >= partitions))
            {
                return records[i];
            }
        }

        return null;
    }
}
