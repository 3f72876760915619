using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Pinterest.Modular.Application.Analytics;
using Pinterest.Modular.Application.Cleaning;

namespace Pinterest.Modular.Host.Api.Operations;

/// <summary>
/// <c>GET /api/analytics/{name}</c>: one query of spec §5 on the warehouse as it is now, its rows as objects with exactly
/// the query's columns (the rows <c>query --format json</c> prints). An unknown name is a 404 that lists the names;
/// <c>GET /api/analytics</c> lists them too.
/// </summary>
public static class AnalyticsEndpoints
{
    public static RouteGroupBuilder MapAnalyticsEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var analytics = api.MapGroup("/analytics").WithTags("Analytics");
        analytics.MapGet(string.Empty, () => TypedResults.Ok(AnalyticsQuery.All)).WithName("ListAnalytics")
            .WithSummary("The names of the nine analytics queries, in the spec's order.");
        analytics.MapGet("/{name}", RunAsync).WithName("RunAnalytics")
            .WithSummary("The query's rows: an array of objects with the query's columns, in order.")
            .Produces(StatusCodes.Status200OK, contentType: "application/json");
        return api;
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> RunAsync(
        string name, IAnalyticsQueries queries, CancellationToken cancellationToken)
    {
        if (!AnalyticsQuery.IsKnown(name))
        {
            return TypedResults.Problem(
                title: "Unknown analytics query",
                detail: $"There is no analytics query '{PathNames.Quote(name)}'; the queries are {string.Join(", ", AnalyticsQuery.All)}.",
                statusCode: StatusCodes.Status404NotFound,
                extensions: new Dictionary<string, object?> { ["queries"] = AnalyticsQuery.All });
        }

        var result = await queries.RunAsync(name, cancellationToken);
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var json = new Utf8JsonWriter(buffer, CleanedRowJson.WriterOptions))
        {
            AnalyticsRowJson.WriteRows(json, result);
        }

        return TypedResults.Bytes(buffer.WrittenMemory.ToArray(), "application/json");
    }
}
