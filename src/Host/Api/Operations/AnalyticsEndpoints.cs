using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Pinterest.Modular.Application.Analytics;
using Pinterest.Modular.Application.Cleaning;

namespace Pinterest.Modular.Host.Api.Operations;

/// <summary>
/// <c>GET /api/analytics/{name}</c>: one query of spec §5 from the served results (<see cref="ServedAnalytics"/>):
/// <c>{"name", "as_of", "rows"}</c>, the rows as objects with exactly the query's columns (what <c>query --format json</c>
/// prints) and <c>as_of</c> the time the warehouse was read. With <c>If-None-Match</c> naming the same results: 304.
/// An unknown name is a 404 that lists the names; <c>GET /api/analytics</c> lists them too.
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
            .WithSummary("The query's served result: name, as_of (when the warehouse was read) and rows, objects with the query's columns in order; ETag/304.")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .Produces(StatusCodes.Status304NotModified);
        return api;
    }

    private static async Task<Results<FileContentHttpResult, StatusCodeHttpResult, ProblemHttpResult>> RunAsync(
        string name, ServedAnalytics analytics, HttpContext context, CancellationToken cancellationToken)
    {
        if (!AnalyticsQuery.IsKnown(name))
        {
            return TypedResults.Problem(
                title: "Unknown analytics query",
                detail: $"There is no analytics query '{PathNames.Quote(name)}'; the queries are {string.Join(", ", AnalyticsQuery.All)}.",
                statusCode: StatusCodes.Status404NotFound,
                extensions: new Dictionary<string, object?> { ["queries"] = AnalyticsQuery.All });
        }

        var snapshot = await analytics.GetAsync(cancellationToken);
        if (ServedSnapshotCaching.IsNotModified(context, snapshot))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var json = new Utf8JsonWriter(buffer, CleanedRowJson.WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("name", name);
            json.WriteString("as_of", snapshot.AsOf.UtcDateTime);
            json.WritePropertyName("rows");
            AnalyticsRowJson.WriteRows(json, snapshot.Result(name));
            json.WriteEndObject();
        }

        return TypedResults.Bytes(buffer.WrittenMemory.ToArray(), "application/json");
    }
}
