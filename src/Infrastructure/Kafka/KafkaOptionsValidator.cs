using System.Globalization;
using Microsoft.Extensions.Options;
using Pinterest.Modular.Infrastructure.Kafka.Msk;

namespace Pinterest.Modular.Infrastructure.Kafka;

/// <summary>Fails at start with messages that name the <c>Kafka:*</c> key at fault.</summary>
internal sealed class KafkaOptionsValidator : IValidateOptions<KafkaOptions>
{
    private const string Key = KafkaOptions.Section + ":";
    private const int MinTimeoutMs = 1_000;
    private const int MaxTimeoutMs = 300_000;

    public ValidateOptionsResult Validate(string? name, KafkaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        ValidateBootstrapServers(options.BootstrapServers, failures);
        if (!Enum.IsDefined(options.Authentication))
        {
            failures.Add($"{Key}Authentication must be one of {string.Join(", ", Enum.GetNames<KafkaAuthentication>())}.");
        }

        if (options.Authentication == KafkaAuthentication.Scram
            && (string.IsNullOrWhiteSpace(options.SaslUsername) || string.IsNullOrEmpty(options.SaslPassword)))
        {
            failures.Add($"{Key}SaslUsername and {Key}SaslPassword are required when {Key}Authentication is Scram.");
        }

        if (options.Authentication == KafkaAuthentication.AwsIam && MskRegion.Problem(options.SigningRegion, $"{Key}Region") is { } regionProblem)
        {
            failures.Add($"{regionProblem} (Kafka:Authentication=AwsIam signs for the region of the MSK cluster; it is taken from MSK broker names when not set).");
        }

        if (options.SslCaLocation.Length > 0 && !File.Exists(options.SslCaLocation))
        {
            failures.Add($"{Key}SslCaLocation '{options.SslCaLocation}' is not a file.");
        }

        if (options.TopicPartitions is < 1 or > 10_000)
        {
            failures.Add($"{Key}TopicPartitions must be between 1 and 10000.");
        }

        if (options.ReplicationFactor is < -1 or 0 or > 32)
        {
            failures.Add($"{Key}ReplicationFactor must be between 1 and 32, or -1 for the broker's default.");
        }

        if (options.RequestTimeoutMs is < MinTimeoutMs or > MaxTimeoutMs)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"{Key}RequestTimeoutMs must be between {MinTimeoutMs} and {MaxTimeoutMs}."));
        }

        if (string.IsNullOrWhiteSpace(options.ConsumerGroup))
        {
            failures.Add($"{Key}ConsumerGroup must not be empty.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateBootstrapServers(string servers, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(servers))
        {
            failures.Add($"{Key}BootstrapServers is required when Pipeline:BatchTransport is Kafka (host:port[,host:port...]).");
            return;
        }

        foreach (var server in servers.Split(',', StringSplitOptions.TrimEntries))
        {
            var colon = server.LastIndexOf(':');
            if (colon <= 0
                || !int.TryParse(server.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
                || port is < 1 or > 65535)
            {
                failures.Add($"{Key}BootstrapServers: '{server}' is not host:port.");
            }
        }
    }
}
