using Pinterest.Modular.Application.Batch;

namespace Pinterest.Modular.Host.Api.Operations;

/// <summary>The operations API under <c>/api</c>: cleaned rows, stats, rejected records, batch runs, analytics.</summary>
public static class OperationsApi
{
    public static IServiceCollection AddOperationsApi(this IServiceCollection services)
    {
        services.AddSingleton<BatchJobRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<BatchJobRunner>());
        services.AddHealthEndpoints();
        services.AddApiDocs();
        return services;
    }

    public static IEndpointRouteBuilder MapOperationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        api.MapCleanedRowEndpoints();
        api.MapStatsEndpoint();
        api.MapClusterEndpoint();
        api.MapRejectedEndpoint();
        api.MapBatchJobEndpoints();
        api.MapAnalyticsEndpoints();
        return app;
    }
}
