using Pinterest.Modular.Host.Api.KinesisProxy;
using Pinterest.Modular.Host.Api.Operations;
using Pinterest.Modular.Host.Api.RestProxy;
using Pinterest.Modular.Host.Api.Security;
using Pinterest.Modular.Host.Dashboard;

namespace Pinterest.Modular.Host.Api;

/// <summary>The API's services and its pipeline: one place that lists every endpoint group.</summary>
public static class ApiRegistration
{
    public static IServiceCollection AddApi(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddApiSecurity();
        services.AddOperationsApi();
        services.AddKinesisProxy();
        return services;
    }

    public static WebApplication UseApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseApiSecurity(); // first: size limit, API key and rate limit apply to every endpoint below
        app.MapHealthEndpoints();
        app.MapRestProxy();
        app.MapKinesisProxy();
        app.MapOperationsApi();
        app.MapApiDocs();
        app.MapDashboard();
        return app;
    }
}
