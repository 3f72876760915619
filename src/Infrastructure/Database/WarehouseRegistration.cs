using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Pinterest.Modular.Infrastructure.Database.Analytics;
using Pinterest.Modular.Application.Analytics;
using Pinterest.Modular.Application.Batch;
using Pinterest.Modular.Application.Kinds;
using Pinterest.Modular.Application.Persistence;
using Pinterest.Modular.Application.Routing;
using Pinterest.Modular.Application.Scheduling;

namespace Pinterest.Modular.Infrastructure.Database;

public static class WarehouseRegistration
{
    /// <summary>
    /// Registers the warehouse database: options (<c>Database:Provider</c>, <c>Database:Migrate</c>,
    /// <c>ConnectionStrings:Warehouse</c> and <c>:Source</c>, validated at start), the provider, a context factory, the
    /// schema (<see cref="WarehouseSchema"/>) and the five stores (the lease store among them) as singletons (each call opens its own short-lived
    /// context, so the batch job and the stream worker can use them at the same time).
    /// </summary>
    public static IServiceCollection AddWarehouseDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<DatabaseOptions>()
            .Configure<IOptions<PipelineOptions>>((options, pipeline) => options.ReadFrom(configuration, pipeline.Value.DataDir))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DatabaseOptions>, DatabaseOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<DatabaseProvider>();
        services.AddDbContextFactory<WarehouseDbContext>(
            (provider, builder) => provider.GetRequiredService<DatabaseProvider>().Configure(builder));

        services.AddSingleton<WarehouseSchema>();
        services.AddBuiltInRecordKinds(); // the tables the warehouse holds, also when Application is not registered
        services.AddSingleton<IWarehouse, SqlWarehouse>();
        services.AddSingleton<IBatchRunStore, SqlBatchRunStore>();
        services.AddSingleton<IAnalyticsQueries, ColumnScanAnalyticsQueries>();
        services.AddSingleton<SqlAnalyticsQueries>();
        services.AddSingleton<MaintainedAnalytics>();
        services.AddSingleton<IMaintainedAnalytics>(provider => provider.GetRequiredService<MaintainedAnalytics>());
        services.AddSingleton<IAnalyticsResultStore, SqlAnalyticsResultStore>();
        services.AddSingleton<ILeaseStore, SqlLeaseStore>();
        services.AddSingleton<IWarehouseChanges, WarehouseChangeCounter>();
        return services;
    }
}
