using System.Diagnostics.CodeAnalysis;

namespace Pinterest.Modular.Application.Scheduling;

/// <summary>Configuration section <c>Scheduler</c>: when <c>serve</c> runs the batch job by itself (MWAA's DAG).</summary>
public sealed class SchedulerOptions
{
    public const string Section = "Scheduler";

    public const int MaxRetries = 10;

    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromDays(1);

    /// <summary><c>Scheduler:Enabled</c>: whether <c>serve</c> runs the schedule (the one-shot verbs never do).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary><c>Scheduler:Cron</c>: 5-field cron or a macro such as <c>@daily</c> (00:00) or <c>@hourly</c>.</summary>
    public string Cron { get; set; } = "@daily";

    /// <summary><c>Scheduler:TimeZone</c>: the zone <see cref="Cron"/> is read in, an IANA id such as <c>Europe/Paris</c>.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>The zone <paramref name="id"/> names (UTC when empty); false when this machine does not know it.</summary>
    public static bool TryFindTimeZone(string? id, [NotNullWhen(true)] out TimeZoneInfo? zone)
    {
        zone = string.IsNullOrWhiteSpace(id) ? TimeZoneInfo.Utc : null;
        if (zone is null)
        {
            try
            {
                zone = TimeZoneInfo.FindSystemTimeZoneById(id!.Trim());
            }
            catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The schedule these settings describe; call only after the validator passed them.</summary>
    public CronSchedule Schedule() =>
        CronSchedule.Parse(Cron, TryFindTimeZone(TimeZone, out var zone) ? zone : throw new TimeZoneNotFoundException(TimeZone));

    /// <summary><c>Scheduler:Retries</c>: further attempts after a scheduled run fails.</summary>
    public int Retries { get; set; } = 2;

    /// <summary><c>Scheduler:RetryDelay</c>: the wait between a failed attempt and the next (<c>hh:mm:ss</c>).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMinutes(2);
}
