using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Pinterest.Modular.Application.Batch;
using Pinterest.Modular.Application.Common;
using Pinterest.Modular.Application.Emulation;
using Pinterest.Modular.Application.Routing;
using Pinterest.Modular.Infrastructure.Database;
using Pinterest.Modular.Infrastructure.Embedded;
using Pinterest.Modular.Infrastructure.ObjectStore;
using Pinterest.Modular.Infrastructure.Telemetry;

namespace Pinterest.Modular.Infrastructure;

public static class DependencyInjection
{
    /// <summary>
    /// The adapters behind the application's ports. The embedded default keeps everything under
    /// <c>Pipeline:DataDir</c>: durable logs for topics and streams, the landing zone as files, SQLite source and warehouse
    /// (or both on PostgreSQL with <c>Database:Provider=Postgres</c>). <c>ObjectStore:Provider=S3</c> moves the landing
    /// zone to a bucket.
    /// </summary>
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddWarehouseDatabase(configuration);
        services.AddSingleton<ISourceDatabase>(sp => sp.GetRequiredService<DatabaseProvider>().CreateSourceDatabase());
        services.AddHostedService<WarehouseMigrator>(); // registered before the workers, so it starts first
        services.AddObjectStore();
        services.AddEmbeddedTransport();
        services.AddTelemetryExport();
        return services;
    }

    /// <summary>
    /// Starts sending metrics and traces when <c>Telemetry:OtlpEndpoint</c> is set. Call it once the container is built
    /// and before the host starts (some verbs never start it), so the first records are counted; the container disposes
    /// the exporters with the host. Throws <see cref="Microsoft.Extensions.Options.OptionsValidationException"/> naming
    /// the key when a telemetry setting is wrong.
    /// </summary>
    public static IServiceProvider StartTelemetryExport(this IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.GetRequiredService<OtlpTelemetryExport>();

        // The metrics come to life with their first user; the lag gauge must exist before any record moves.
        services.GetRequiredService<PipelineMetrics>();
        return services;
    }

    private static void AddTelemetryExport(this IServiceCollection services)
    {
        services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<TelemetryOptions>, TelemetryOptionsValidator>();
        services.AddSingleton<OtlpTelemetryExport>();
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
