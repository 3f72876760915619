using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Pinterest.Modular.Application.Batch;
using Pinterest.Modular.Application.Common;
using Pinterest.Modular.Application.Emulation;
using Pinterest.Modular.Application.Routing;
using Pinterest.Modular.Infrastructure.Database;
using Pinterest.Modular.Infrastructure.Embedded;
using Pinterest.Modular.Infrastructure.Kafka;
using Pinterest.Modular.Infrastructure.Kinesis;
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
        services.AddBatchTransport(configuration);
        services.AddStreamTransport(configuration);
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

    /// <summary>
    /// The one place that picks the batch route's transport (<c>Pipeline:BatchTransport</c>): what takes records for
    /// the topics (<see cref="ITopicWriter"/>), lands them in the object store (<see cref="IBatchRouteSink"/> and its
    /// worker) and reports their progress (<see cref="ITransportMonitor"/>).
    /// </summary>
    private static void AddBatchTransport(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SinkOptions>().BindConfiguration(SinkOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        switch (TransportSetting<BatchTransport>(configuration, nameof(PipelineOptions.BatchTransport)))
        {
            case BatchTransport.Embedded:
                services.AddEmbeddedLogs();
                services.AddSingleton<ITopicWriter>(sp => sp.GetRequiredService<EmbeddedLogStore>());
                services.AddSingleton<EmbeddedLandingSink>();
                services.AddSingleton<IBatchRouteSink>(sp => sp.GetRequiredService<EmbeddedLandingSink>());
                services.AddSingleton<ITransportMonitor, EmbeddedTopicMonitor>();
                services.AddHostedService<EmbeddedSinkWorker>();
                break;
            case BatchTransport.Kafka:
                services.AddKafkaTransport(configuration);
                break;
            default:
                throw new NotSupportedException("Pipeline:BatchTransport has no registration for this value.");
        }
    }

    /// <summary>
    /// The one place that picks the stream route's transport (<c>Pipeline:StreamTransport</c>): what takes records for
    /// the streams (<see cref="IStreamWriter"/>), reads them into the warehouse and reports their progress.
    /// </summary>
    private static void AddStreamTransport(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StreamWorkerOptions>().BindConfiguration(StreamWorkerOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        switch (TransportSetting<StreamTransport>(configuration, nameof(PipelineOptions.StreamTransport)))
        {
            case StreamTransport.Embedded:
                services.AddEmbeddedLogs();
                services.AddSingleton<IStreamWriter>(sp => sp.GetRequiredService<EmbeddedLogStore>());
                services.AddSingleton<IStreamCatalog, EmbeddedStreamCatalog>();
                services.AddSingleton<ITransportMonitor, EmbeddedStreamMonitor>();
                services.AddHostedService<EmbeddedStreamWorker>();
                break;
            case StreamTransport.Kinesis:
                services.AddKinesisTransport(configuration);
                break;
        }
    }

    /// <summary>The durable logs in the data directory, shared by whichever routes run embedded.</summary>
    private static void AddEmbeddedLogs(this IServiceCollection services)
    {
        services.AddOptions<EmbeddedOptions>().BindConfiguration(EmbeddedOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<EmbeddedLogStore>();
        services.TryAddSingleton<IRetainedLogs>(sp => sp.GetRequiredService<EmbeddedLogStore>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, EmbeddedLogRetention>());
    }

    /// <summary>Reads a transport choice at registration (it decides which services exist); a wrong value names the key.</summary>
    private static T TransportSetting<T>(IConfiguration configuration, string name)
        where T : struct, Enum
    {
        var key = $"{PipelineOptions.Section}:{name}";
        var value = configuration[key];
        if (string.IsNullOrWhiteSpace(value))
        {
            return default;
        }

        return Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
            ? parsed
            : throw new OptionsValidationException(
                key, typeof(PipelineOptions), [$"{key}: '{value}' is not one of {string.Join(", ", Enum.GetNames<T>())}."]);
    }
}
