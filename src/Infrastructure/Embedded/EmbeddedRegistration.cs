using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Pinterest.Modular.Application.Batch;
using Pinterest.Modular.Application.Routing;

namespace Pinterest.Modular.Infrastructure.Embedded;

public static class EmbeddedRegistration
{
    /// <summary>The batch route on durable logs in the data directory, landed by the embedded sink (the default).</summary>
    public static IServiceCollection AddEmbeddedTopics(this IServiceCollection services)
    {
        services.AddEmbeddedLogs();
        services.AddSingleton<ITopicWriter>(sp => sp.GetRequiredService<EmbeddedLogStore>());
        services.AddSingleton<EmbeddedLandingSink>();
        services.AddSingleton<IBatchRouteSink>(sp => sp.GetRequiredService<EmbeddedLandingSink>());
        services.AddSingleton<ITransportMonitor, EmbeddedTopicMonitor>();
        services.AddHostedService<EmbeddedSinkWorker>();
        return services;
    }

    /// <summary>The stream route on durable logs in the data directory, one shard per stream (the default).</summary>
    public static IServiceCollection AddEmbeddedStreams(this IServiceCollection services)
    {
        services.AddEmbeddedLogs();
        services.AddSingleton<IStreamWriter>(sp => sp.GetRequiredService<EmbeddedLogStore>());
        services.AddSingleton<IStreamCatalog, EmbeddedStreamCatalog>();
        services.AddSingleton<ITransportMonitor, EmbeddedStreamMonitor>();
        services.AddHostedService<EmbeddedStreamWorker>();
        return services;
    }

    /// <summary>The durable logs (<c>Embedded:*</c>), shared by whichever routes run embedded.</summary>
    private static void AddEmbeddedLogs(this IServiceCollection services)
    {
        services.AddOptions<EmbeddedOptions>().BindConfiguration(EmbeddedOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<EmbeddedLogStore>();
        services.TryAddSingleton<IRetainedLogs>(sp => sp.GetRequiredService<EmbeddedLogStore>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, EmbeddedLogRetention>());
    }
}
