using Pinterest.Modular.Application.Ingest;
using Pinterest.Modular.Application.Routing;

namespace Pinterest.Modular.Application.Emulation;

/// <summary>Posts through the same ingest command the API sends, without HTTP.</summary>
public sealed class MediatorPostingTarget(IngestSender ingest) : IPostingTarget
{
    public async Task<PostOutcome> PostAsync(
        Destination destination, IReadOnlyList<ReadOnlyMemory<byte>> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(rows);
        var result = await ingest.SendAsync(destination, [.. rows.Select(r => new IngestRecord(r))], cancellationToken);
        return result.Status == IngestStatus.Accepted ? PostOutcome.Ack : new PostOutcome(false, result.Message);
    }
}
