using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Pinterest.Modular.Application.Batch;
using Pinterest.Modular.Application.Routing;
using Pinterest.Modular.Infrastructure.Kafka.Msk;

namespace Pinterest.Modular.Infrastructure.Kafka;

public static class KafkaRegistration
{
    /// <summary>
    /// The batch route on Kafka (<c>Pipeline:BatchTransport=Kafka</c>): the producer behind <see cref="ITopicWriter"/>,
    /// this host's member of the sink group behind <see cref="IBatchRouteSink"/>, its worker and the publisher of its
    /// partitions for the cluster view (unless <c>Kafka:SinkEnabled=false</c>), and the progress monitor. At start the <c>Kafka</c> options are checked, then
    /// the cluster must answer and the topics exist. Nothing loads librdkafka before that.
    /// </summary>
    public static IServiceCollection AddKafkaTransport(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<KafkaOptions>().BindConfiguration(KafkaOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KafkaOptions>, KafkaOptionsValidator>());
        services.AddOptions<KafkaTopicsReady>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KafkaTopicsReady>, KafkaTopicsReadyCheck>());

        // Kafka:Authentication=AwsIam takes its tokens from here.
        services.TryAddSingleton<IKafkaTokenSource, MskIamTokenSource>();

        services.AddSingleton<KafkaCluster>();
        services.AddSingleton<ITopicWriter, KafkaTopicWriter>();
        services.AddSingleton<KafkaLandingSink>();
        services.AddSingleton<IBatchRouteSink>(sp => sp.GetRequiredService<KafkaLandingSink>());
        services.AddSingleton<ITransportMonitor, KafkaTopicMonitor>();
        if (configuration.GetValue($"{KafkaOptions.Section}:{nameof(KafkaOptions.SinkEnabled)}", defaultValue: true))
        {
            services.AddHostedService<KafkaSinkWorker>();
            services.AddHostedService<KafkaAssignmentPublisher>();
        }

        return services;
    }
}
