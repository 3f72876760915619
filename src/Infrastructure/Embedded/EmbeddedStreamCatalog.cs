using Pinterest.Modular.Application.Routing;

namespace Pinterest.Modular.Infrastructure.Embedded;

/// <summary>
/// The embedded log's streams: always ACTIVE, one shard. The route table decides which streams exist; the log itself
/// is made on the first write.
/// </summary>
public sealed class EmbeddedStreamCatalog : IStreamCatalog
{
    public Task<StreamState?> DescribeAsync(string stream, CancellationToken cancellationToken) =>
        Task.FromResult<StreamState?>(new StreamState(stream, "ACTIVE", [EmbeddedShardSource.Shard]));
}
