using MassTransit;
using Pinterest.Modular.Application.Common;
using Pinterest.Modular.Application.Routing;

namespace Pinterest.Modular.Application.Ingest;

/// <summary>
/// Take records a client sent to a topic (batch route) or a stream (stream route). Answered with
/// <see cref="IngestResult"/> once the transport holds them durably, or <see cref="Common.CommandInvalid"/>.
/// </summary>
public sealed record IngestRecords(Route Route, string Destination, IReadOnlyList<IngestRecord> Records);

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

/// <summary>Resolves the destination through the route table and hands the records to the route.</summary>
public sealed class IngestRecordsConsumer(RouteTable routes, IRequestClient<RouteRecords> route) : IConsumer<IngestRecords>
{
    public async Task Consume(ConsumeContext<IngestRecords> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var command = context.Message;
        if (!routes.TryResolve(command.Route, command.Destination, out var destination))
        {
            var what = command.Route == Route.Batch ? "Topic" : "Stream";
            await context.RespondAsync(IngestResult.Failed(
                IngestStatus.DestinationNotFound, $"{what} {command.Destination} not found."));
            return;
        }

        var response = await route.GetResponse<IngestResult>(new RouteRecords(destination, OneLine(command.Records)), context.CancellationToken);
        await context.RespondAsync(response.Message);
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
