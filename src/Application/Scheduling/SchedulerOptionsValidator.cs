using System.Globalization;
using Microsoft.Extensions.Options;

namespace Pinterest.Modular.Application.Scheduling;

/// <summary>Checks the schedule at start, with messages that name the key; a disabled schedule is not checked.</summary>
public sealed class SchedulerOptionsValidator : IValidateOptions<SchedulerOptions>
{
    public ValidateOptionsResult Validate(string? name, SchedulerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        if (!SchedulerOptions.TryFindTimeZone(options.TimeZone, out var zone))
        {
            failures.Add(
                $"{SchedulerOptions.Section}:{nameof(SchedulerOptions.TimeZone)} '{options.TimeZone}' is not a time zone this machine knows: " +
                "use UTC or an IANA id such as Europe/Paris (from the tzdata package).");
        }
        else if (!CronSchedule.TryParse(options.Cron, zone, out _, out var error))
        {
            failures.Add(
                $"{SchedulerOptions.Section}:{nameof(SchedulerOptions.Cron)} '{options.Cron}' is not a schedule: {error} " +
                $"Use 5 fields (minute hour day-of-month month day-of-week, in {SchedulerOptions.Section}:{nameof(SchedulerOptions.TimeZone)}) or a macro such as @daily or @hourly.");
        }

        if (options.Retries is < 0 or > SchedulerOptions.MaxRetries)
        {
            failures.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"{SchedulerOptions.Section}:{nameof(SchedulerOptions.Retries)} must be from 0 to {SchedulerOptions.MaxRetries}; it is {options.Retries}."));
        }

        if (options.RetryDelay < TimeSpan.Zero || options.RetryDelay > SchedulerOptions.MaxRetryDelay)
        {
            failures.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"{SchedulerOptions.Section}:{nameof(SchedulerOptions.RetryDelay)} must be from 00:00:00 to {SchedulerOptions.MaxRetryDelay:c} (hh:mm:ss); it is {options.RetryDelay:c}."));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
