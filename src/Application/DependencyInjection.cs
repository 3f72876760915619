using FluentValidation;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Pinterest.Modular.Application.Analytics;
using Pinterest.Modular.Application.Batch;
using Pinterest.Modular.Application.Cleaning;
using Pinterest.Modular.Application.Cluster;
using Pinterest.Modular.Application.Common;
using Pinterest.Modular.Application.Emulation;
using Pinterest.Modular.Application.Ingest;
using Pinterest.Modular.Application.Kinds;
using Pinterest.Modular.Application.Persistence;
using Pinterest.Modular.Application.Routing;
using Pinterest.Modular.Application.Scheduling;
using Pinterest.Modular.Application.Streaming;

namespace Pinterest.Modular.Application;

public static class DependencyInjection
{
    /// <summary>
    /// The commands and their handlers, carried in process by MassTransit's mediator, with one validation filter;
    /// the record kinds (pin, geo, user; a feature adds its own with <see cref="RecordKindRegistration.AddRecordKind"/>) and
    /// the route table; the batch job (run under the batch-job lease) and the posting emulator. Adapters for the ports
    /// come from Infrastructure.
    /// </summary>
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        services.AddOptions<PipelineOptions>().BindConfiguration(PipelineOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<PipelineOptions>, PipelineOptionsValidator>();
        services.AddOptions<IngestOptions>().BindConfiguration(IngestOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<BatchJobOptions>().BindConfiguration(BatchJobOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BatchJobOptions>, BatchJobOptionsValidator>());
        services.AddOptions<AnalyticsOptions>().BindConfiguration(AnalyticsOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AnalyticsOptions>, AnalyticsOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(HostIdentity.From);
        services.TryAddSingleton<ClusterView>();
        services.TryAddSingleton<IProgressReporter, NoProgressReporter>();
        services.AddSingleton<PipelineMetrics>(); // needs IMeterFactory: the generic host registers it (AddMetrics)
        services.AddBuiltInRecordKinds();
        services.AddSingleton<RouteTable>();
        services.AddSingleton<IRouteMonitor, RouteMonitor>();
        services.AddValidatorsFromAssemblyContaining<IngestRecordsValidator>(ServiceLifetime.Singleton); // every AbstractValidator here
        services.AddSingleton<IngestSender>();
        services.AddSingleton<StreamBatchLoop>();
        services.AddSingleton<ServedAnalytics>();
        services.AddTransient<BatchJob>();
        services.AddSingleton<Leases>();
        services.AddTransient<LeasedBatchJob>();
        services.AddTransient<AbandonedRuns>();
        services.AddTransient<BatchRunHistory>();
        services.AddTransient<PostingEmulator>();
        services.TryAddTransient<IPostingTarget, MediatorPostingTarget>();

        services.AddMediator(cfg =>
        {
            cfg.AddConsumer<IngestRecordsConsumer>();
            cfg.AddConsumer<CleanRecordsConsumer>();
            cfg.AddConsumer<RunBatchJobConsumer>();
            cfg.ConfigureMediator((context, mediator) => mediator.UseConsumeFilter(typeof(ValidationFilter<>), context));
        });
        return services;
    }

    /// <summary>This host's presence in the warehouse, for the cluster view (serve only: one-shot verbs are no hosts).</summary>
    public static IServiceCollection AddHostPresence(this IServiceCollection services)
    {
        services.AddHostedService<HostPresence>();
        return services;
    }

    /// <summary>
    /// The batch job's schedule (<c>Scheduler:*</c>, validated at start) as a hosted service. Only <c>serve</c> adds it;
    /// the one-shot verbs run the job by hand.
    /// </summary>
    public static IServiceCollection AddBatchScheduler(this IServiceCollection services)
    {
        services.AddOptions<SchedulerOptions>().BindConfiguration(SchedulerOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SchedulerOptions>, SchedulerOptionsValidator>());
        services.AddSingleton<BatchScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<BatchScheduler>());
        return services;
    }
}
