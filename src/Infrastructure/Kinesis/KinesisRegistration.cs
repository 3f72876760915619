using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pinterest.Modular.Application.Routing;
using Pinterest.Modular.Infrastructure.Kinesis.Worker;

namespace Pinterest.Modular.Infrastructure.Kinesis;

public static class KinesisRegistration
{
    /// <summary>
    /// The stream route on Kinesis (<c>Pipeline:StreamTransport=Kinesis</c>): the client (<c>Kinesis:*</c>, validated at
    /// start), the writer the ingest API appends through, and the
    /// start-up step that creates the streams, and the shard readers with their monitor. Credentials come from the standard AWS chain unless the container
    /// already holds <see cref="AWSCredentials"/>.
    /// </summary>
    public static IServiceCollection AddKinesisTransport(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<KinesisOptions>().Bind(configuration.GetSection(KinesisOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KinesisOptions>, KinesisOptionsValidator>());
        services.TryAddSingleton<IKinesisClient>(provider => KinesisClient.Create(
            provider.GetRequiredService<IOptions<KinesisOptions>>().Value,
            provider.GetService<AWSCredentials>() ?? StandardChainCredentials(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<KinesisClient>>()));
        services.AddSingleton<IStreamWriter, KinesisStreamWriter>();

        // Registered before the shard readers, so the streams exist (ACTIVE) when they start.
        services.AddHostedService<KinesisStreamProvisioner>();
        services.AddKinesisStreamWorker();
        return services;
    }

    private static AWSCredentials StandardChainCredentials()
    {
        try
        {
            return DefaultAWSCredentialsIdentityResolver.GetCredentials();
        }
        catch (AmazonClientException ex)
        {
            throw new InvalidOperationException(
                "No AWS credentials for Kinesis: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, a profile (AWS_PROFILE), "
                + "or run with a container or instance role. kinesalite accepts any keys.",
                ex);
        }
    }
}
