using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Pinterest.Modular.Application.Common;
using Pinterest.Modular.Application.Emulation;
using Pinterest.Modular.Infrastructure.Database;
using Pinterest.Modular.Infrastructure.Embedded;
using Pinterest.Modular.Infrastructure.ObjectStore;
using Pinterest.Modular.Infrastructure.Telemetry;
using Pinterest.Modular.Infrastructure.Transports;

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
        services.AddOptions<SinkOptions>().BindConfiguration(SinkOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<StreamWorkerOptions>().BindConfiguration(StreamWorkerOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        RouteTransports.Register(services, configuration); // Pipeline:BatchTransport, Pipeline:StreamTransport
        services.AddTelemetryExport(configuration);
        services.AddSingleton<DataDirUse>();
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
        TelemetryRegistration.StartExporters(services);

        // The metrics come to life with their first user; the lag gauge must exist before any record moves.
        services.GetRequiredService<PipelineMetrics>();
        return services;
    }

}
