using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Pinterest.Modular.Application.Common;
using Pinterest.Modular.Application.Routing;

namespace Pinterest.Modular.Infrastructure.Kinesis.Worker;

public static class KinesisWorkerRegistration
{
    /// <summary>
    /// The Kinesis stream worker (a hosted service), its progress monitor and its options (<c>Kinesis:Worker:*</c>,
    /// validated at start). Needs an <see cref="IKinesisClient"/> and the warehouse (leases and checkpoints live there).
    /// </summary>
    public static IServiceCollection AddKinesisStreamWorker(this IServiceCollection services)
    {
        // The host's name first, so Kinesis:Worker:WorkerId still wins when set.
        services.TryAddSingleton(HostIdentity.From);
        services.AddOptions<KinesisWorkerOptions>()
            .Configure<HostIdentity>((o, host) => o.WorkerId = host.Name)
            .BindConfiguration(KinesisWorkerOptions.Section)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KinesisWorkerOptions>, KinesisWorkerOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<KinesisReadProgress>();
        services.AddSingleton<ITransportMonitor, KinesisStreamMonitor>();
        services.TryAddSingleton<KinesisAcceptedCounts>();
        services.AddSingleton<IShardMonitor, KinesisShardMonitor>();
        services.AddHostedService<KinesisAcceptedCountWriter>();
        services.AddSingleton<KinesisStreamWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<KinesisStreamWorker>());
        return services;
    }
}
