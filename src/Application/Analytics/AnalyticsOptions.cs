using System.Globalization;
using Microsoft.Extensions.Options;

namespace Pinterest.Modular.Application.Analytics;

/// <summary>Configuration section <c>Analytics</c>.</summary>
public sealed class AnalyticsOptions
{
    public const string Section = "Analytics";

    /// <summary>The longest <see cref="RefreshSeconds"/> accepted (a day).</summary>
    public const int MaxRefreshSeconds = 86_400;

    /// <summary>
    /// <c>Analytics:RefreshSeconds</c>: while the warehouse keeps changing, the served results are recomputed at most
    /// once per this many seconds after the last recomputation ended; 0 recomputes at the first request after a change.
    /// </summary>
    public int RefreshSeconds { get; set; } = 5;
}

/// <summary>Checks <c>Analytics:RefreshSeconds</c> at start, with a message that names the key.</summary>
public sealed class AnalyticsOptionsValidator : IValidateOptions<AnalyticsOptions>
{
    public ValidateOptionsResult Validate(string? name, AnalyticsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.RefreshSeconds is < 0 or > AnalyticsOptions.MaxRefreshSeconds
            ? ValidateOptionsResult.Fail(string.Create(
                CultureInfo.InvariantCulture,
                $"{AnalyticsOptions.Section}:{nameof(AnalyticsOptions.RefreshSeconds)} must be a whole number of seconds from 0 to {AnalyticsOptions.MaxRefreshSeconds}; it is {options.RefreshSeconds}."))
            : ValidateOptionsResult.Success;
    }
}
