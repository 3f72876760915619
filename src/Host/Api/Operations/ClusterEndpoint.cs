using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Pinterest.Modular.Application.Batch;
using Pinterest.Modular.Application.Cluster;
using Pinterest.Modular.Application.Common;

namespace Pinterest.Modular.Host.Api.Operations;

/// <summary>
/// <c>GET /api/cluster</c>: the live hosts sharing this warehouse (name, start, last renewal of their presence), the
/// leases each holds (Kinesis shards, Kafka partitions), whether it runs the batch job now and the newest batch run it
/// ran or is running.
/// </summary>
public static class ClusterEndpoint
{
    /// <summary>How many of the newest batch runs are searched for each host's run.</summary>
    private const int RunsLookedAt = 100;

    public static RouteGroupBuilder MapClusterEndpoint(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/cluster", GetAsync).WithTags("Cluster").WithName("GetCluster")
            .WithSummary("Live hosts, the shards and partitions each reads, who runs the batch job and each host's last batch run.");
        return api;
    }

    private static async Task<Ok<ClusterResponse>> GetAsync(
        ClusterView cluster, BatchRunHistory history, HostIdentity self, CancellationToken cancellationToken)
    {
        var runs = await history.ListAsync(RunsLookedAt, cancellationToken);
        var hosts = await cluster.GetHostsAsync(runs, cancellationToken);
        return TypedResults.Ok(new ClusterResponse(
            self.Name,
            [.. hosts.Select(h => new ClusterHostResponse(
                h.Name, h.StartedAt, h.LastSeen, h.Holds, h.RunsBatchJob, h.BatchRun is { } run ? BatchRunResponse.From(run) : null))]));
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
    [property: JsonPropertyName("runs_batch_job")] bool RunsBatchJob,
    [property: JsonPropertyName("batch_run")] BatchRunResponse? BatchRun);
