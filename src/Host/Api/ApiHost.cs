using Microsoft.Extensions.Options;
using Pinterest.Modular.Application;
using Pinterest.Modular.Host.Api.Security;
using Pinterest.Modular.Infrastructure;

namespace Pinterest.Modular.Host.Api;

/// <summary>
/// The ASP.NET Core host of <c>serve</c>: the ingest APIs (Kafka REST proxy v2, API Gateway Kinesis proxy), the
/// operations API, the route workers and the batch job's schedule, on the same application and adapters as the CLI.
/// </summary>
public static class ApiHost
{
    public const string DefaultUrl = "http://localhost:8082";

    /// <param name="configureServices">Last word on the services, e.g. the demo's progress bars in place of none.</param>
    public static WebApplication Build(
        IReadOnlyDictionary<string, string?> overrides, IReadOnlyList<string>? urls = null, Action<IServiceCollection>? configureServices = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? Environments.Production,
        });
        builder.Configuration.Sources.Clear();
        HostConfiguration.AddSources(builder.Configuration, builder.Environment.EnvironmentName, overrides, defaults: new Dictionary<string, string?>());
        builder.WebHost.UseUrls(urls is { Count: > 0 } ? [.. urls] : [builder.Configuration["Urls"] ?? DefaultUrl]);
        builder.Services.AddConsoleLogTimestamps();
        builder.Services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        builder.Services.AddApplication();
        builder.Services.AddInfrastructure(builder.Configuration);
        builder.Services.AddApi();
        builder.Services.AddBatchScheduler();
        builder.Services.AddHostPresence();
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        try
        {
            app.Services.StartTelemetryExport();
        }
        catch
        {
            ((IDisposable)app).Dispose();
            throw;
        }

        app.UseNoSniff();
        var pathBase = app.Services.GetRequiredService<IOptions<ApiOptions>>().Value.PathBase;
        if (pathBase.Length > 0)
        {
            app.UsePathBaseOnly(pathBase);
        }

        app.UseApi();
        return app;
    }
}
