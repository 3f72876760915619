using System.Diagnostics;
using MassTransit;
using MassTransit.Mediator;
using Microsoft.Extensions.Options;
using Pinterest.Modular.Application.Common;
using Pinterest.Modular.Application.Routing;

namespace Pinterest.Modular.Application.Ingest;

/// <summary>
/// The one entry to ingest: resolves the destination through the route table (once per request; an unknown one is
/// answered "not found" here), sends <see cref="IngestRecords"/> and folds its two possible answers into one result.
/// The ingest APIs and the in-process emulator use it, so every client meets the same command. Single-record requests
/// travel together when they arrive together (<see cref="SingleRecordLanes"/>).
/// </summary>
public sealed class IngestSender
{
    // A mediator request client holds no per-request state, so one serves every request.
    private readonly IRequestClient<IngestRecords> _client;
    private readonly RouteTable _routes;
    private readonly SingleRecordLanes _lanes;

    public IngestSender(IMediator mediator, RouteTable routes, IOptions<IngestOptions> options)
    {
        ArgumentNullException.ThrowIfNull(mediator);
        ArgumentNullException.ThrowIfNull(options);
        _client = mediator.CreateRequestClient<IngestRecords>();
        _routes = routes;
        _lanes = new SingleRecordLanes(
            (destination, records) => SendCommandAsync(destination, records, CancellationToken.None),
            options.Value.MaxRecordsPerRequest);
    }

    public Task<IngestResult> SendAsync(Route route, string destination, IReadOnlyList<IngestRecord> records, CancellationToken cancellationToken)
    {
        if (_routes.TryResolve(route, destination, out var known))
        {
            return SendAsync(known, records, cancellationToken);
        }

        var what = route == Route.Batch ? "Topic" : "Stream";
        return Task.FromResult(IngestResult.Failed(IngestStatus.DestinationNotFound, $"{what} {destination} not found."));
    }

    /// <summary>Sends to a destination of the route table (the emulator holds them already resolved).</summary>
    public async Task<IngestResult> SendAsync(Destination destination, IReadOnlyList<IngestRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(records);

        // One span per ingest request, whichever client sent it: under the HTTP request's span when the API is traced.
        using var activity = PipelineTracing.Source.StartActivity("ingest");
        activity?.SetTag("pipeline.route", destination.Route == Route.Batch ? "batch" : "stream");
        activity?.SetTag("pipeline.destination", destination.Name);
        activity?.SetTag("pipeline.records", records.Count);
        var result = records.Count == 1
            ? await _lanes.SendAsync(destination, records[0], cancellationToken)
            : await SendCommandAsync(destination, records, cancellationToken);
        if (activity is not null)
        {
            activity.SetTag("pipeline.ingest.status", result.Status.ToString());
            if (result.Status is IngestStatus.TransportUnavailable or IngestStatus.TransportNotAuthenticated
                or IngestStatus.TransportNotAuthorized or IngestStatus.TransportRejected)
            {
                // The client's own mistakes are answered, not failures of ours; a transport that is down or refuses is.
                activity.SetStatus(ActivityStatusCode.Error, result.Message);
            }
        }

        return result;
    }

    private async Task<IngestResult> SendCommandAsync(Destination destination, IReadOnlyList<IngestRecord> records, CancellationToken cancellationToken)
    {
        var response = await _client
            .GetResponse<IngestResult, CommandInvalid>(new IngestRecords(destination, records), cancellationToken);
        if (response.Is(out Response<CommandInvalid>? invalid))
        {
            return IngestResult.Invalid(invalid.Message.Errors);
        }

        response.Is(out Response<IngestResult>? result);
        return result!.Message;
    }
}
