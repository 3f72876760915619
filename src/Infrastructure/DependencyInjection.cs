using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Pinterest.Modular.Application.Batch;
using Pinterest.Modular.Application.Emulation;
using Pinterest.Modular.Application.Landing;
using Pinterest.Modular.Application.Routing;
using Pinterest.Modular.Infrastructure.Database;
using Pinterest.Modular.Infrastructure.Embedded;
using Pinterest.Modular.Infrastructure.ObjectStore;

namespace Pinterest.Modular.Infrastructure;

public static class DependencyInjection
{
    /// <summary>
    /// The adapters behind the application's ports. The embedded default keeps everything under
    /// <c>Pipeline:DataDir</c>: durable logs for topics and streams, the landing zone as files, SQLite source and warehouse
    /// (or both on PostgreSQL with <c>Database:Provider=Postgres</c>).
    /// </summary>
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddWarehouseDatabase(configuration);
        services.AddSingleton<ISourceDatabase>(sp => sp.GetRequiredService<DatabaseProvider>().CreateSourceDatabase());
        services.AddHostedService<WarehouseMigrator>(); // registered before the workers, so it starts first
        services.AddSingleton<IObjectStore, FileObjectStore>();
        services.AddEmbeddedTransport();
        return services;
    }

    /// <summary>Both routes on durable logs in the data directory, the landing sink and the stream reader in process.</summary>
    private static void AddEmbeddedTransport(this IServiceCollection services)
    {
        services.AddOptions<EmbeddedOptions>().BindConfiguration(EmbeddedOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SinkOptions>().BindConfiguration(SinkOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<StreamWorkerOptions>().BindConfiguration(StreamWorkerOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<EmbeddedLogStore>();
        services.AddSingleton<ITopicWriter>(sp => sp.GetRequiredService<EmbeddedLogStore>());
        services.AddSingleton<IStreamWriter>(sp => sp.GetRequiredService<EmbeddedLogStore>());
        services.AddSingleton<EmbeddedLandingSink>();
        services.AddSingleton<IBatchRouteSink>(sp => sp.GetRequiredService<EmbeddedLandingSink>());
        services.AddSingleton<IRouteMonitor, EmbeddedRouteMonitor>();
        services.AddHostedService<EmbeddedSinkWorker>();
        services.AddHostedService<EmbeddedStreamWorker>();
    }
}
