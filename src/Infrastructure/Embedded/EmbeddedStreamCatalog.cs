using Pinterest.Modular.Application.Routing;

namespace Pinterest.Modular.Infrastructure.Embedded;

/// <summary>
/// The embedded log's streams as Kinesis would describe them: always ACTIVE, one shard over the whole hash range. The
/// route table decides which streams exist; the log itself is made on the first write.
/// </summary>
public sealed class EmbeddedStreamCatalog : IStreamCatalog
{
    private const string AccountArn = "arn:aws:kinesis:local:000000000000:stream/";
    private const string MaxHashKey = "340282366920938463463374607431768211455";

    public Task<StreamDescription?> DescribeAsync(string stream, CancellationToken cancellationToken) =>
        Task.FromResult<StreamDescription?>(new StreamDescription(
            stream, AccountArn + stream, "ACTIVE", 24, [new StreamShard("shardId-000000000000", null, null, "0", MaxHashKey, "0", null)]));
}
