using System.Diagnostics;
using MassTransit;
using MassTransit.Mediator;
using Microsoft.Extensions.Options;
using Pinterest.Modular.Application.Common;
using Pinterest.Modular.Application.Routing;

namespace Pinterest.Modular.Application.Ingest;

/// <summary>
/// Sends <see cref="IngestRecords"/> and folds its two possible answers into one result: the ingest APIs and the
/// in-process emulator use it, so every client meets the same command. Single-record requests to a known destination
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
            (destination, records) => SendCommandAsync(destination.Route, destination.Name, records, CancellationToken.None),
            options.Value.MaxRecordsPerRequest);
    }

    public async Task<IngestResult> SendAsync(Route route, string destination, IReadOnlyList<IngestRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);

        // One span per ingest request, whichever client sent it: under the HTTP request's span when the API is traced.
        using var activity = PipelineTracing.Source.StartActivity("ingest");
        activity?.SetTag("pipeline.route", route == Route.Batch ? "batch" : "stream");
        activity?.SetTag("pipeline.destination", destination);
        activity?.SetTag("pipeline.records", records.Count);
        // An unknown destination is answered by the command alone: only the route table's destinations get a lane.
        var result = records.Count == 1 && _routes.TryResolve(route, destination, out var known)
            ? await _lanes.SendAsync(known, records[0], cancellationToken)
            : await SendCommandAsync(route, destination, records, cancellationToken);
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

    private async Task<IngestResult> SendCommandAsync(
        Route route, string destination, IReadOnlyList<IngestRecord> records, CancellationToken cancellationToken)
    {
        var response = await _client
            .GetResponse<IngestResult, CommandInvalid>(new IngestRecords(route, destination, records), cancellationToken);
        if (response.Is(out Response<CommandInvalid>? invalid))
        {
            return IngestResult.Invalid(invalid.Message.Errors);
        }

        response.Is(out Response<IngestResult>? result);
        return result!.Message;
    }
}
