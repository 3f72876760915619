using Microsoft.Extensions.Options;

namespace Pinterest.Modular.Host.Api.Security;

/// <summary>Fails start-up with messages that name the bad <c>Api:Keys</c> and <c>Api:RateLimit</c> keys (never a key's value).</summary>
public sealed class ApiOptionsValidator : IValidateOptions<ApiOptions>
{
    /// <summary>The shortest key accepted: 16 characters leave guessing hopeless at the failed-key rate limit.</summary>
    public const int MinKeyLength = 16;

    public ValidateOptionsResult Validate(string? name, ApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        for (var i = 0; i < options.Keys.Count; i++)
        {
            var key = options.Keys[i];
            if (string.IsNullOrWhiteSpace(key))
            {
                errors.Add($"Api:Keys:{i} is empty; remove it or give it a value.");
            }
            else if (key.Trim().Length != key.Length)
            {
                errors.Add($"Api:Keys:{i} starts or ends with white space, which no client would send; trim it.");
            }
            else if (key.Length < MinKeyLength)
            {
                errors.Add($"Api:Keys:{i} has {key.Length} characters; a key needs at least {MinKeyLength} (e.g. openssl rand -hex 24).");
            }
        }

        var rate = options.RateLimit;
        if (rate.PermitsPerSecond < 0)
        {
            errors.Add("Api:RateLimit:PermitsPerSecond must be 0 (no limit) or more.");
        }

        if (rate.FailedKeysPerMinute < 0)
        {
            errors.Add("Api:RateLimit:FailedKeysPerMinute must be 0 (no limit) or more.");
        }

        if (rate.Enabled && rate.Burst < 1)
        {
            errors.Add("Api:RateLimit:Burst must be at least 1 while Api:RateLimit:PermitsPerSecond is above 0.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
