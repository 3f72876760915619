using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Pinterest.Modular.Application.Kinds;
using Pinterest.Modular.Application.Persistence;
using Pinterest.Modular.Application.Routing;
using Route = Pinterest.Modular.Application.Routing.Route;

namespace Pinterest.Modular.Host.Api.Operations;

/// <summary>
/// <c>GET /api/stats</c>: rows per kind's table, and per topic and stream how many records were accepted, landed (topics),
/// processed (streams) and how far the stream reader is behind; per embedded log, the bytes it keeps on disk; per Kinesis
/// shard, the backlog.
/// </summary>
public static class StatsEndpoint
{
    public static RouteGroupBuilder MapStatsEndpoint(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/stats", GetAsync).WithTags("Stats").WithName("GetStats")
            .WithSummary("Rows per table; accepted, landed, processed and lag per topic and stream; bytes kept per embedded log; backlog per Kinesis shard.");
        return api;
    }

    private static async Task<Ok<StatsResponse>> GetAsync(
        IWarehouse warehouse, RecordKindRegistry kinds, IRouteMonitor monitor, [FromServices] IEnumerable<IRetainedLogs> retained,
        [FromServices] IEnumerable<IShardMonitor> shardMonitors, CancellationToken cancellationToken)
    {
        var counts = await warehouse.CountAsync(cancellationToken);
        var progress = await monitor.GetProgressAsync(cancellationToken);
        var shards = new List<ShardStats>();
        foreach (var shardMonitor in shardMonitors)
        {
            shards.AddRange((await shardMonitor.GetShardsAsync(cancellationToken)).Select(ShardStats.From));
        }

        return TypedResults.Ok(new StatsResponse(
            counts.Rejected,
            [.. progress.Where(p => p.Destination.Route == Route.Batch).Select(DestinationStats.From)],
            [.. progress.Where(p => p.Destination.Route == Route.Stream).Select(DestinationStats.From)],
            [.. retained.SelectMany(r => r.List()).Select(RetainedLogStats.From)],
            shards)
        {
            Rows = kinds.All.ToDictionary(kind => kind.Warehouse.Name, kind => (object)counts.Of(kind.Kind)),
        });
    }
}
