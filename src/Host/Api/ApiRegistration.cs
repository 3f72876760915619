using Pinterest.Modular.Host.Api.KinesisProxy;
using Pinterest.Modular.Host.Api.RestProxy;

namespace Pinterest.Modular.Host.Api;

/// <summary>The API's services and its pipeline: one place that lists every endpoint group.</summary>
public static class ApiRegistration
{
    public static IServiceCollection AddApi(this IServiceCollection services)
    {
        services.AddProblemDetails();
        return services;
    }

    public static WebApplication UseApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/health", () => Results.Ok(new { status = "Healthy" }));
        app.MapRestProxy();
        app.MapKinesisProxy();
        return app;
    }
}
