using Microsoft.AspNetCore.Http.HttpResults;
using Pinterest.Modular.Application.Analytics;

namespace Pinterest.Modular.Host.Dashboard;

/// <summary>
/// The dashboard at <c>/</c> (under <c>Api:PathBase</c> when set): a static page whose script polls the operations API
/// and loads one server-drawn SVG chart per analytics query from <c>/dashboard/charts/{name}.svg</c>.
/// The page, script and style sheet hold no data and answer without an API key; charts and the API want one when
/// <c>Api:Keys</c> is set (the page takes it once as <c>?key=</c> and sends it as <c>x-api-key</c>).
/// </summary>
public static class DashboardEndpoints
{
    public const string ChartsPath = "/dashboard/charts";

    // The page runs only its own script and style sheet; no referrer, so a ?key= in the address never leaves the page.
    private const string PagePolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    // An SVG opened on its own runs nothing either.
    private const string ChartPolicy = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'";

    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        var files = app.MapGroup(string.Empty).WithMetadata(OpenWithoutApiKey.Instance).ExcludeFromDescription();
        files.MapGet("/", ServePage);
        files.MapGet("/dashboard/dashboard.js", (HttpContext context) => Serve(context, DashboardAssets.Script));
        files.MapGet("/dashboard/dashboard.css", (HttpContext context) => Serve(context, DashboardAssets.StyleSheet));

        app.MapGet(ChartsPath + "/{name}.svg", ChartAsync).WithTags("Dashboard").WithName("GetAnalyticsChart")
            .WithSummary("One analytics query from the served results, drawn as an SVG bar chart titled with its name and dated by its as-of; ETag/304.")
            .Produces(StatusCodes.Status200OK, contentType: "image/svg+xml")
            .Produces(StatusCodes.Status304NotModified);
        return app;
    }

    private static Results<RedirectHttpResult, FileContentHttpResult> ServePage(HttpContext context)
    {
        // Under a path base, "/test" must become "/test/", or the page's relative links would leave the stage.
        if (context.Request.Path.Value != "/")
        {
            return TypedResults.Redirect($"{context.Request.PathBase}/{context.Request.QueryString}");
        }

        context.Response.Headers.ContentSecurityPolicy = PagePolicy;
        context.Response.Headers["Referrer-Policy"] = "no-referrer";
        return Serve(context, DashboardAssets.Page);
    }

    private static FileContentHttpResult Serve(HttpContext context, DashboardAssets asset)
    {
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.Bytes(asset.Content, asset.ContentType);
    }

    private static async Task<Results<FileContentHttpResult, StatusCodeHttpResult, ProblemHttpResult>> ChartAsync(
        string name, ServedAnalytics analytics, HttpContext context, CancellationToken cancellationToken)
    {
        if (!AnalyticsQuery.IsKnown(name))
        {
            return TypedResults.Problem(
                title: "Unknown analytics query",
                detail: $"There is no analytics query '{PathNames.Quote(name)}'; the queries are {string.Join(", ", AnalyticsQuery.All)}.",
                statusCode: StatusCodes.Status404NotFound);
        }

        var snapshot = await analytics.GetAsync(cancellationToken);
        context.Response.Headers.XContentTypeOptions = "nosniff";
        if (ServedSnapshotCaching.IsNotModified(context, snapshot))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        context.Response.Headers.ContentSecurityPolicy = ChartPolicy;
        return TypedResults.Bytes(SvgBarChartWriter.Write(AnalyticsChart.From(snapshot, name)), "image/svg+xml; charset=utf-8");
    }
}
