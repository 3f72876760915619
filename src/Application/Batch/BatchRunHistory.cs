using Microsoft.Extensions.Logging;

namespace Pinterest.Modular.Application.Batch;

/// <summary>
/// The batch job's runs as people read them (<c>jobs list</c>, <c>/api/jobs/batch</c>, the dashboard). A run shown
/// "running" is checked against the batch-job lease first: if no host holds it, that run's host stopped, and the run
/// is recorded failed before it is shown (<see cref="AbandonedRuns"/>). Costs one read of the lease, only when a
/// run is shown running.
/// </summary>
public sealed class BatchRunHistory(IBatchRunStore runs, AbandonedRuns abandoned, ILogger<BatchRunHistory> logger)
{
    /// <summary>Newest first.</summary>
    public async Task<IReadOnlyList<BatchRun>> ListAsync(int take, CancellationToken cancellationToken)
    {
        var found = await runs.ListAsync(take, cancellationToken);
        return found.Any(r => r.Status == BatchRunStatus.Running) && await SettledAnyAsync(cancellationToken)
            ? await runs.ListAsync(take, cancellationToken)
            : found;
    }

    public async Task<BatchRun?> FindAsync(long id, CancellationToken cancellationToken)
    {
        var run = await runs.FindAsync(id, cancellationToken);
        return run is { Status: BatchRunStatus.Running } && await SettledAnyAsync(cancellationToken)
            ? await runs.FindAsync(id, cancellationToken)
            : run;
    }

    private async Task<bool> SettledAnyAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await abandoned.SettleAsync(cancellationToken) > 0;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Reading the history must not fail because tidying it did; the run is shown as recorded.
            logger.LogWarning(ex, "Could not check for batch runs left running by a stopped host");
            return false;
        }
    }
}
