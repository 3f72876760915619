using System.Globalization;
using MassTransit;
using Pinterest.Modular.Application.Common;
using Pinterest.Modular.Application.Routing;
using TransportUnavailableException = Pinterest.Modular.Application.Routing.TransportUnavailableException;

namespace Pinterest.Modular.Application.Ingest;

/// <summary>
/// Take records a client sent to a topic (batch route) or a stream (stream route), the destination resolved through
/// the route table by <see cref="IngestSender"/>. Answered with <see cref="IngestResult"/> once the transport holds
/// them durably, or <see cref="Common.CommandInvalid"/>.
/// </summary>
public sealed record IngestRecords(Destination Destination, IReadOnlyList<IngestRecord> Records);

public enum IngestStatus
{
    Accepted,
    Invalid,
    DestinationNotFound,
    PartitionNotFound,
    TransportUnavailable,
    TransportNotAuthenticated,
    TransportNotAuthorized,
    TransportRejected,
}

/// <summary>
/// The answer to <see cref="IngestRecords"/>: one ack per record, in order, when accepted; what was wrong and where
/// (<see cref="Errors"/>) when invalid.
/// </summary>
public sealed record IngestResult(IngestStatus Status, IReadOnlyList<RecordAck> Acks, string? Message, IReadOnlyList<InputError> Errors)
{
    public static IngestResult Accepted(IReadOnlyList<RecordAck> acks) => new(IngestStatus.Accepted, acks, null, []);

    public static IngestResult Failed(IngestStatus status, string message) => new(status, [], message, []);

    public static IngestResult Invalid(IReadOnlyList<InputError> errors) =>
        new(IngestStatus.Invalid, [], string.Join(" ", errors.Select(e => e.Message)), errors); // each message names its path
}

/// <summary>
/// Appends the records to their destination's transport and answers once it holds them durably: the topic of the
/// batch route (whose partitions a record may name) or the stream of the stream route.
/// </summary>
public sealed class IngestRecordsConsumer(ITopicWriter topics, IStreamWriter streams, PipelineMetrics metrics) : IConsumer<IngestRecords>
{
    public async Task Consume(ConsumeContext<IngestRecords> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var destination = context.Message.Destination;
        var records = OneLine(context.Message.Records);
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

    /// <summary>The records with every value on one line; the same list when none spans lines (the usual case).</summary>
    private static IReadOnlyList<IngestRecord> OneLine(IReadOnlyList<IngestRecord> records)
    {
        List<IngestRecord>? rewritten = null;
        for (var i = 0; i < records.Count; i++)
        {
            var value = CompactJson.OneLine(records[i].Value);
            if (rewritten is null && value.Equals(records[i].Value))
            {
                continue;
            }

            if (rewritten is null)
            {
                rewritten = new List<IngestRecord>(records.Count);
                for (var j = 0; j < i; j++)
                {
                    rewritten.Add(records[j]);
                }
            }

            rewritten.Add(value.Equals(records[i].Value) ? records[i] : records[i] with { Value = value });
        }

        return rewritten ?? records;
    }
}
