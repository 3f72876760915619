using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Pinterest.Modular.Infrastructure.Kinesis;

/// <summary>Fails at start with messages that name the <c>Kinesis:*</c> key at fault.</summary>
internal sealed partial class KinesisOptionsValidator : IValidateOptions<KinesisOptions>
{
    private const string Key = KinesisOptions.Section + ":";

    /// <summary>Kinesis' own bound on shards per stream is an account quota; this only catches typing slips.</summary>
    private const int MaxShardCount = 10_000;

    public ValidateOptionsResult Validate(string? name, KinesisOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.ServiceUrl.Length > 0
            && (!Uri.TryCreate(options.ServiceUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https")))
        {
            failures.Add($"{Key}ServiceUrl '{options.ServiceUrl}' must be an absolute http:// or https:// address, or empty for AWS.");
        }

        if (!RegionName().IsMatch(options.Region ?? ""))
        {
            failures.Add($"{Key}Region '{options.Region}' is not an AWS region name such as us-east-1.");
        }

        if (options.ShardCount is < 1 or > MaxShardCount)
        {
            failures.Add($"{Key}ShardCount must be between 1 and {MaxShardCount}.");
        }

        if (options.MaxAttempts is < 1 or > 20)
        {
            failures.Add($"{Key}MaxAttempts must be between 1 (no retry) and 20.");
        }

        Positive(options.RequestTimeout, "RequestTimeout", failures);
        Positive(options.StreamActiveTimeout, "StreamActiveTimeout", failures);
        if (options.RetryBaseDelay < TimeSpan.Zero || options.RetryMaxDelay < options.RetryBaseDelay)
        {
            failures.Add($"{Key}RetryBaseDelay must not be negative, and {Key}RetryMaxDelay must be at least {Key}RetryBaseDelay.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Positive(TimeSpan value, string name, List<string> failures)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{Key}{name} must be a positive time span such as 00:00:30.");
        }
    }

    [GeneratedRegex("^[a-z]{2}(-[a-z]+)+-[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex RegionName();
}
