using MassTransit;
using MassTransit.Mediator;
using Pinterest.Modular.Application.Common;
using Pinterest.Modular.Application.Routing;

namespace Pinterest.Modular.Application.Ingest;

/// <summary>
/// Sends <see cref="IngestRecords"/> and folds its two possible answers into one result: the ingest APIs and the
/// in-process emulator use it, so every client meets the same command.
/// </summary>
public sealed class IngestSender(IMediator mediator)
{
    public async Task<IngestResult> SendAsync(Route route, string destination, IReadOnlyList<IngestRecord> records, CancellationToken cancellationToken)
    {
        var response = await mediator.CreateRequestClient<IngestRecords>()
            .GetResponse<IngestResult, CommandInvalid>(new IngestRecords(route, destination, records), cancellationToken);
        if (response.Is(out Response<CommandInvalid>? invalid))
        {
            return IngestResult.Invalid(invalid.Message.Errors);
        }

        response.Is(out Response<IngestResult>? result);
        return result!.Message;
    }
}
