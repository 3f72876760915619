using System.Text.Json.Serialization;
using Pinterest.Modular.Application.Routing;
using Pinterest.Modular.Domain.Common;

namespace Pinterest.Modular.Host.Api.Operations;

/// <summary>
/// The body of <c>GET /api/stats</c>: rows per kind's table, named by the table (<c>pins</c>, <c>geo</c>, <c>users</c>, and
/// any kind a feature adds); <c>shards</c> is empty unless the streams are on Kinesis.
/// </summary>
public sealed record StatsResponse(
    [property: JsonPropertyName("rejected")] long Rejected,
    [property: JsonPropertyName("topics")] IReadOnlyList<DestinationStats> Topics,
    [property: JsonPropertyName("streams")] IReadOnlyList<DestinationStats> Streams,
    [property: JsonPropertyName("retained_logs")] IReadOnlyList<RetainedLogStats> RetainedLogs,
    [property: JsonPropertyName("shards")] IReadOnlyList<ShardStats> Shards)
{
    /// <summary>Rows per kind's table, by table name; written beside the other properties.</summary>
    [JsonExtensionData]
    public IDictionary<string, object> Rows { get; init; } = new Dictionary<string, object>();
}

/// <summary>
/// One log kept on this host's disk (the embedded transports): its path under the data directory, the bytes it holds
/// after retention, and of those the bytes not yet landed or stored (null until its reader has started).
/// </summary>
public sealed record RetainedLogStats(
    [property: JsonPropertyName("log")] string Log,
    [property: JsonPropertyName("retained_bytes")] long RetainedBytes,
    [property: JsonPropertyName("unprocessed_bytes")] long? UnprocessedBytes)
{
    public static RetainedLogStats From(RetainedLog log)
    {
        ArgumentNullException.ThrowIfNull(log);
        return new RetainedLogStats(log.Name, log.RetainedBytes, log.UnprocessedBytes);
    }
}

/// <summary>One topic or stream; <c>landed</c> is null for streams, <c>processed</c> and <c>lag_ms</c> for topics.</summary>
public sealed record DestinationStats(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("accepted")] long Accepted,
    [property: JsonPropertyName("landed")] long? Landed,
    [property: JsonPropertyName("processed")] long? Processed,
    [property: JsonPropertyName("lag_ms")] long? LagMs)
{
    public static DestinationStats From(DestinationProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        return new DestinationStats(
            progress.Destination.Name,
            progress.Destination.Kind.Name,
            progress.Accepted,
            progress.Landed,
            progress.Processed,
            progress.Lag is { } lag ? (long)lag.TotalMilliseconds : null);
    }
}
