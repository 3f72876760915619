using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Pinterest.Modular.Application.Cluster;

namespace Pinterest.Modular.Host.Api.Operations;

/// <summary>
/// <c>GET /api/cluster</c>: the live hosts sharing this warehouse (name, start, last renewal of their presence), the
/// leases each holds (Kinesis shards) and whether it runs the batch job now.
/// </summary>
public static class ClusterEndpoint
{
    public static RouteGroupBuilder MapClusterEndpoint(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/cluster", GetAsync).WithTags("Cluster").WithName("GetCluster")
            .WithSummary("Live hosts, the shards each reads and who runs the batch job.");
        return api;
    }

    private static async Task<Ok<ClusterResponse>> GetAsync(ClusterView cluster, HostIdentity self, CancellationToken cancellationToken)
    {
        var hosts = await cluster.GetHostsAsync(cancellationToken);
        return TypedResults.Ok(new ClusterResponse(
            self.Name,
            [.. hosts.Select(h => new ClusterHostResponse(h.Name, h.StartedAt, h.LastSeen, h.Holds, h.RunsBatchJob))]));
    }
}

/// <summary>The body of <c>GET /api/cluster</c>; <c>answered_by</c> is the host that answered.</summary>
public sealed record ClusterResponse(
    [property: JsonPropertyName("answered_by")] string AnsweredBy,
    [property: JsonPropertyName("hosts")] IReadOnlyList<ClusterHostResponse> Hosts);

public sealed record ClusterHostResponse(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("started_at")] DateTimeOffset? StartedAt,
    [property: JsonPropertyName("last_seen")] DateTimeOffset LastSeen,
    [property: JsonPropertyName("holds")] IReadOnlyList<string> Holds,
    [property: JsonPropertyName("runs_batch_job")] bool RunsBatchJob);
