using System.Text.RegularExpressions;

namespace Pinterest.Modular.Infrastructure.Kafka.Msk;

/// <summary>
/// The AWS region an IAM token is signed for. It must be the cluster's own region: the broker rejects a token whose
/// credential scope names another one.
/// </summary>
public static partial class MskRegion
{
    /// <summary>
    /// The region in MSK broker addresses (<c>b-1.demo.abc123.c2.kafka.eu-west-1.amazonaws.com:9098</c>, serverless
    /// <c>boot-abc.c1.kafka-serverless.us-east-1.amazonaws.com:9098</c>), when every address names the same one; null
    /// for other brokers or a mix.
    /// </summary>
    public static string? FromBootstrapServers(string? bootstrapServers)
    {
        string? region = null;
        foreach (var server in (bootstrapServers ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var match = BrokerHost().Match(server);
            if (!match.Success || (region is not null && region != match.Groups["region"].Value))
            {
                return null;
            }

            region = match.Groups["region"].Value;
        }

        return region;
    }

    /// <summary>Why <paramref name="region"/> cannot be signed for, naming the setting <paramref name="key"/>; null when it can.</summary>
    public static string? Problem(string? region, string key)
    {
        if (string.IsNullOrWhiteSpace(region))
        {
            return $"{key} is required for AWS IAM authentication: the MSK cluster's region, e.g. us-east-1.";
        }

        return RegionName().IsMatch(region)
            ? null
            : $"{key} '{region}' is not an AWS region name; use the MSK cluster's region, e.g. us-east-1.";
    }

    // us-east-1, eu-central-2, us-gov-west-1, cn-northwest-1, us-isob-east-1.
    [GeneratedRegex("^[a-z]{2}(-[a-z]+)+-[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex RegionName();

    [GeneratedRegex(@"\.kafka(-serverless)?\.(?<region>[a-z]{2}(-[a-z]+)+-[0-9]+)\.amazonaws\.com(\.cn)?(:[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex BrokerHost();
}
