using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pinterest.Modular.Application.Common;
using Pinterest.Modular.Application.Scheduling;

namespace Pinterest.Modular.Application.Batch;

/// <summary>
/// The batch job, run only while holding the <c>batch-job</c> lease in the warehouse, so runs never overlap, whichever
/// host or trigger (schedule, API, CLI) asked for them. A run that finds the lease held waits for it. The lease lasts
/// <c>BatchJob:LeaseDuration</c> and is renewed while the run is in progress, so a run longer than that keeps it.
/// Every way of running the job goes through here.
/// </summary>
public sealed class LeasedBatchJob(
    BatchJob job,
    Leases leases,
    AbandonedRuns abandoned,
    IBatchRunStore runs,
    IProgressReporter progress,
    IOptions<BatchJobOptions> options,
    TimeProvider clock,
    ILogger<LeasedBatchJob> logger)
{
    public const string LeaseName = "batch-job";

    /// <summary>What the CLI shows while another run holds the lease.</summary>
    public const string WaitingStage = "Waiting for the run in progress";

    /// <summary>
    /// Records a queued run and runs it as soon as the lease is free; returns the run as it ended. Cancelled while
    /// waiting, the run is recorded failed: its caller has gone, and a queued run would be run by the next start.
    /// </summary>
    public async Task<BatchRun> QueueAndRunAsync(string trigger, CancellationToken cancellationToken)
    {
        var queued = await job.QueueAsync(trigger, cancellationToken);
        try
        {
            return await RunAsync(queued.Id, cancellationToken) ?? queued;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            if (await runs.FindAsync(queued.Id, CancellationToken.None) is { Status: BatchRunStatus.Queued } waiting)
            {
                await runs.UpdateAsync(
                    waiting with { Status = BatchRunStatus.Failed, FinishedAt = clock.GetUtcNow(), Error = "cancelled before it started" },
                    CancellationToken.None);
            }

            throw;
        }
    }

    /// <summary>
    /// Waits for the lease, then runs the run if it is still queued. Another host may have run it meanwhile (it found
    /// the run queued when it started); then the run is returned as that host left it.
    /// </summary>
    public async Task<BatchRun?> RunAsync(long runId, CancellationToken cancellationToken)
    {
        var waited = false;
        await using var lease = await leases.AcquireAsync(
            LeaseName,
            options.Value.LeaseDuration,
            _ =>
            {
                waited = true;
                progress.Report(WaitingStage, 0, null);
            },
            cancellationToken);
        if (waited)
        {
            progress.Report(WaitingStage, 1, 1);
        }

        await abandoned.FailLeftRunningAsync(lease, cancellationToken);
        var run = await runs.FindAsync(runId, cancellationToken);
        if (run is not { Status: BatchRunStatus.Queued })
        {
            logger.LogInformation("Batch run {RunId} is no longer queued ({Status}); nothing to run", runId, run?.Status);
            return run;
        }

        using var guarded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lease.Lost);
        try
        {
            return await job.ExecuteAsync(run, guarded.Token);
        }
        catch (OperationCanceledException) when (lease.Lost.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            var current = await runs.FindAsync(runId, CancellationToken.None) ?? run;
            var failed = current with
            {
                Status = BatchRunStatus.Failed,
                FinishedAt = clock.GetUtcNow(),
                Error = "Stopped: this host lost the batch-job lease (it stalled past the lease's expiry and another host took over).",
            };
            await runs.UpdateAsync(failed, CancellationToken.None);
            return failed;
        }
    }
}
