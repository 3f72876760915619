using System.Text.Json.Serialization;
using Pinterest.Modular.Application.Routing;

namespace Pinterest.Modular.Host.Api.Operations;

/// <summary>
/// One Kinesis shard in <c>GET /api/stats</c>: records put into it by any host (counted in the warehouse) against those
/// stored, the backlog between them, the last stored sequence number and the worker reading it.
/// </summary>
public sealed record ShardStats(
    [property: JsonPropertyName("stream")] string Stream,
    [property: JsonPropertyName("shard")] string Shard,
    [property: JsonPropertyName("accepted")] long Accepted,
    [property: JsonPropertyName("stored")] long Stored,
    [property: JsonPropertyName("backlog")] long Backlog,
    [property: JsonPropertyName("last_stored_sequence_number")] string? LastStoredSequenceNumber,
    [property: JsonPropertyName("reader")] string? Reader)
{
    public static ShardStats From(ShardProgress shard)
    {
        ArgumentNullException.ThrowIfNull(shard);
        return new ShardStats(shard.Stream.Name, shard.ShardId, shard.Accepted, shard.Stored, shard.Backlog, shard.LastStoredSequenceNumber, shard.Owner);
    }
}
