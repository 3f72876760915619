using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Pinterest.Modular.Host.Api.Security;
using Pinterest.Modular.Infrastructure;

namespace Pinterest.Modular.Host.Api.Operations;

/// <summary>
/// <c>GET /health</c>: liveness, 200 whenever the process answers. <c>GET /health/ready</c>: the dependencies (the
/// warehouse answers a query, the data directory takes a file when this configuration keeps state there): 200, or 503
/// with each check's status. Neither needs a key.
/// </summary>
public static class HealthEndpoints
{
    public const string Path = HealthProbePath.Value;
    public const string ReadyTag = "ready";
    private const string DataDirCheck = "data_dir";

    public static IServiceCollection AddHealthEndpoints(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<WarehouseHealthCheck>("warehouse", tags: [ReadyTag])
            .AddCheck<DataDirHealthCheck>(DataDirCheck, tags: [ReadyTag]);
        return services;
    }

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks(Path, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync })
            .WithTags("Health").WithSummary("Liveness: 200 while the process runs.");
        // The data directory is checked only when this configuration keeps state there.
        var dataDirInUse = app.ServiceProvider.GetRequiredService<DataDirUse>().InUse;
        app.MapHealthChecks(Path + "/ready", new HealthCheckOptions
            {
                Predicate = c => c.Tags.Contains(ReadyTag) && (c.Name != DataDirCheck || dataDirInUse),
                ResponseWriter = WriteAsync,
            })
            .WithTags("Health").WithSummary("Readiness: the warehouse, and the data directory when it holds state; 503 when one fails.");
        return app;
    }

    /// <summary><c>{"status":"Healthy","checks":[{"name":..,"status":..,"description":..,"duration_ms":..}]}</c>.</summary>
    private static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        json.WriteString("status", report.Status.ToString());
        json.WriteStartArray("checks");
        foreach (var (name, entry) in report.Entries)
        {
            json.WriteStartObject();
            json.WriteString("name", name);
            json.WriteString("status", entry.Status.ToString());
            json.WriteString("description", entry.Description);
            json.WriteNumber("duration_ms", Math.Round(entry.Duration.TotalMilliseconds, 1));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted);
    }
}
