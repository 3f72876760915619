using MassTransit.Mediator;
using Pinterest.Modular.Application.Common;
using Pinterest.Modular.Application.Ingest;
using Pinterest.Modular.Application.Routing;

namespace Pinterest.Modular.Application.Emulation;

/// <summary>Posts through the same ingest command the API sends, without HTTP.</summary>
public sealed class MediatorPostingTarget(IMediator mediator) : IPostingTarget
{
    public async Task<PostOutcome> PostAsync(
        Destination destination, IReadOnlyList<ReadOnlyMemory<byte>> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(rows);
        var command = new IngestRecords(destination.Route, destination.Name, [.. rows.Select(r => new IngestRecord(r))]);
        var response = await mediator.CreateRequestClient<IngestRecords>()
            .GetResponse<IngestResult, CommandInvalid>(command, cancellationToken);
        if (response.Is(out MassTransit.Response<CommandInvalid>? invalid))
        {
            return new PostOutcome(false, string.Join("; ", invalid.Message.Errors.Select(e => $"{e.Path}: {e.Message}")));
        }

        response.Is(out MassTransit.Response<IngestResult>? answered);
        var result = answered!.Message;
        return result.Status == IngestStatus.Accepted ? PostOutcome.Ack : new PostOutcome(false, result.Message);
    }
}
