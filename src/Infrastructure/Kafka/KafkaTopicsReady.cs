using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Pinterest.Modular.Infrastructure.Kafka;

/// <summary>
/// A start-up check, run with the options checks (<c>ValidateOnStart</c>, so before any verb's work and before
/// <c>serve</c> listens): the cluster answers within <c>Kafka:RequestTimeoutMs</c> and the batch route's topics exist.
/// </summary>
public sealed class KafkaTopicsReady;

/// <summary>Creates the missing topics, or fails start-up with a message that names <c>Kafka:BootstrapServers</c>.</summary>
internal sealed class KafkaTopicsReadyCheck(IServiceProvider services) : IValidateOptions<KafkaTopicsReady>
{
    public ValidateOptionsResult Validate(string? name, KafkaTopicsReady options)
    {
        KafkaCluster cluster;
        try
        {
            cluster = services.GetRequiredService<KafkaCluster>();
            _ = cluster.Options; // the Kafka options' own checks come first, with their own messages
        }
        catch (OptionsValidationException)
        {
            return ValidateOptionsResult.Skip;
        }

        try
        {
            cluster.EnsureTopicsAsync(CancellationToken.None).GetAwaiter().GetResult();
            return ValidateOptionsResult.Success;
        }
        catch (OptionsValidationException ex)
        {
            return ValidateOptionsResult.Fail(ex.Failures);
        }
        catch (InvalidOperationException ex)
        {
            // The native library is missing: say what to install.
            return ValidateOptionsResult.Fail(ex.Message);
        }
    }
}
