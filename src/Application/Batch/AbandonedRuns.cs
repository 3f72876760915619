using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pinterest.Modular.Application.Common;
using Pinterest.Modular.Application.Scheduling;

namespace Pinterest.Modular.Application.Batch;

/// <summary>
/// Runs left "running" by a host that stopped during the run (killed, or cut off from the warehouse so it could not
/// record the end). A run executes only under the batch-job lease, which its host renews; once that lease has lapsed,
/// nobody is running it. Such a run is recorded failed, ending when its host was last seen (its last renewal of the
/// lease), with an error that says so: the history tells a data engineer it failed, about when and why, and the next
/// run goes ahead. Checked when a host takes the lease to run, at start, and when the history is read
/// (<see cref="BatchRunHistory"/>), so a run never stays "running" just because no host ran the job since.
/// </summary>
public sealed class AbandonedRuns(
    IBatchRunStore runs,
    Leases leases,
    IOptions<BatchJobOptions> options,
    PipelineMetrics metrics,
    TimeProvider clock,
    ILogger<AbandonedRuns> logger)
{
    /// <summary>What an abandoned run's error starts with.</summary>
    public const string ErrorPrefix = "Abandoned: the host stopped during the run";

    /// <summary>How many of the newest runs are checked; a run older than that is history.</summary>
    private const int Window = 100;

    /// <summary>
    /// If no host holds the batch-job lease (it is free, or lapsed), takes it for a moment and records every run still
    /// "running" failed; returns how many. While a host holds it, its run is alive and nothing is touched.
    /// </summary>
    public async Task<int> SettleAsync(CancellationToken cancellationToken)
    {
        await using var lease = await leases.TryAcquireAsync(LeasedBatchJob.LeaseName, options.Value.LeaseDuration, cancellationToken);
        return lease is null ? 0 : await FailLeftRunningAsync(lease, cancellationToken);
    }

    /// <summary>
    /// Under the lease (<paramref name="lease"/>, just taken): no other run can be executing, so every run recorded
    /// running was left by a host that stopped; they are recorded failed. Returns how many.
    /// </summary>
    public async Task<int> FailLeftRunningAsync(HeldLease lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        var recent = await runs.ListAsync(Window, cancellationToken);
        var left = recent.Where(r => r.Status == BatchRunStatus.Running).ToList();
        foreach (var run in left)
        {
            var failed = Abandoned(run, lease.TakenOver, clock.GetUtcNow());
            logger.LogWarning("Batch run {RunId} was left running by a host that stopped; recording it failed: {Error}", run.Id, failed.Error);
            await runs.UpdateAsync(failed, cancellationToken);
            metrics.BatchRunFinished("failed", (failed.FinishedAt - failed.StartedAt) ?? TimeSpan.Zero);
        }

        return left.Count;
    }

    /// <summary>
    /// The run as failed. A holder renews its lease until it stops, so the expiry it left less one lease duration is
    /// its last renewal: the host was last seen then, and stopped within a third of a lease after. Without that (the
    /// lease was given back, or its holder used another duration) the end is bounded by the run's start and now.
    /// </summary>
    private BatchRun Abandoned(BatchRun run, LeaseState? lastHolder, DateTimeOffset now)
    {
        if (lastHolder is null)
        {
            return run with { Status = BatchRunStatus.Failed, FinishedAt = now, Error = ErrorPrefix + " (or lost the warehouse) before it finished." };
        }

        var lastSeen = lastHolder.ExpiresAt - options.Value.LeaseDuration;
        if (run.StartedAt is { } started && lastSeen < started)
        {
            lastSeen = started;
        }

        if (lastSeen > now)
        {
            lastSeen = now;
        }

        var error = string.Create(
            CultureInfo.InvariantCulture,
            $"{ErrorPrefix} (or lost the warehouse): last seen at {lastSeen:u}, and its batch-job lease lapsed at {lastHolder.ExpiresAt:u} before the run finished.");
        return run with { Status = BatchRunStatus.Failed, FinishedAt = lastSeen, Error = error };
    }
}
