using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pinterest.Modular.Application.Batch;

namespace Pinterest.Modular.Application.Scheduling;

/// <summary>
/// What MWAA did: runs the batch job when <c>Scheduler:Cron</c> falls due, retrying a failed run up to
/// <c>Scheduler:Retries</c> times, <c>Scheduler:RetryDelay</c> apart. No catch-up: after downtime, or a run that
/// outlasted the next occurrence, only the next occurrence still to come runs. With several hosts on one database,
/// the first to claim an occurrence runs it (with its retries) and the others skip it; the run itself holds the
/// batch-job lease, so it never overlaps a manual run on any host. Registered by <c>serve</c> only.
/// </summary>
public sealed class BatchScheduler(
    IServiceScopeFactory scopes, Leases leases, IOptions<SchedulerOptions> options, TimeProvider clock, ILogger<BatchScheduler> logger)
    : BackgroundService
{
    /// <summary>The lease a host claims an occurrence with.</summary>
    public const string ClaimName = "batch-job.schedule";

    public const string Trigger = "schedule";

    /// <summary>
    /// Long waits are cut into pieces: timers count elapsed time, so a wall clock that jumps (a suspended VM, a
    /// corrected clock) is noticed within this.
    /// </summary>
    private static readonly TimeSpan LongestWait = TimeSpan.FromHours(1);

    private readonly Lock _gate = new();
    private DateTimeOffset? _nextAttempt;

    /// <summary>When this host next starts an attempt: the next occurrence, or a retry's time; null when off.</summary>
    public DateTimeOffset? NextAttemptAt
    {
        get
        {
            lock (_gate)
            {
                return _nextAttempt;
            }
        }

        private set
        {
            lock (_gate)
            {
                _nextAttempt = value;
            }
        }
    }

    /// <summary>The trigger a run is recorded with: <c>schedule</c>, then <c>schedule-retry-1</c>, <c>schedule-retry-2</c>, ...</summary>
    public static string TriggerOf(int attempt) => attempt == 0 ? Trigger : $"{Trigger}-retry-{attempt}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            logger.LogInformation("The batch-job schedule is off (Scheduler:Enabled=false)");
            return;
        }

        var schedule = settings.Schedule();
        var due = schedule.NextAfter(clock.GetUtcNow());
        while (!stoppingToken.IsCancellationRequested)
        {
            logger.LogInformation("Next scheduled batch run at {Due:u} ({Cron})", due, schedule);
            await WaitUntilAsync(due, stoppingToken);
            await RunOccurrenceAsync(due, settings, stoppingToken);

            // No catch-up: occurrences that fell due while this one ran (with its retries) are skipped.
            var now = clock.GetUtcNow();
            due = schedule.NextAfter(now > due ? now : due);
        }
    }

    /// <summary>Waits for a point in time rather than for a span, so time spent before the wait is not added to it.</summary>
    private async Task WaitUntilAsync(DateTimeOffset due, CancellationToken stoppingToken)
    {
        NextAttemptAt = due;
        for (var left = due - clock.GetUtcNow(); left > TimeSpan.Zero; left = due - clock.GetUtcNow())
        {
            await Task.Delay(left < LongestWait ? left : LongestWait, clock, stoppingToken);
        }
    }

    private async Task RunOccurrenceAsync(DateTimeOffset due, SchedulerOptions settings, CancellationToken stoppingToken)
    {
        try
        {
            if (!await leases.TryClaimAsync(ClaimName, due, CronSchedule.Resolution, stoppingToken))
            {
                logger.LogInformation("The batch run due at {Due:u} was claimed by another host; skipping it here", due);
                return;
            }

            for (var attempt = 0; ; attempt++)
            {
                var run = await RunAttemptAsync(TriggerOf(attempt), stoppingToken);
                if (run is { Status: BatchRunStatus.Succeeded })
                {
                    return;
                }

                if (attempt >= settings.Retries)
                {
                    logger.LogError(
                        "The batch run due at {Due:u} failed {Attempts} time(s); no more retries until the next occurrence", due, attempt + 1);
                    return;
                }

                logger.LogWarning("The batch run due at {Due:u} failed; retrying in {Delay}", due, settings.RetryDelay);
                await WaitUntilAsync(clock.GetUtcNow() + settings.RetryDelay, stoppingToken);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // The claim itself failed (say the database is down): the schedule goes on with the next occurrence.
            logger.LogError(ex, "The batch run due at {Due:u} could not be started", due);
        }
    }

    /// <summary>One attempt; one that could not even be recorded counts as failed.</summary>
    private async Task<BatchRun?> RunAttemptAsync(string trigger, CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<LeasedBatchJob>().QueueAndRunAsync(trigger, stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            logger.LogError(ex, "Scheduled batch run ({Trigger}) could not be run", trigger);
            return null;
        }
    }
}
