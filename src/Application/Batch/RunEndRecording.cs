using Microsoft.Extensions.Logging;

namespace Pinterest.Modular.Application.Batch;

/// <summary>
/// Records how a run ended even when the warehouse (which holds the run store) is briefly away: when the run failed
/// because the warehouse went away, recording that failure fails too, and the run would stay "running" with its cause
/// lost. So the update is tried again, a little less often each time, for up to <c>patience</c>; after that the run
/// is left to <see cref="AbandonedRuns"/>.
/// </summary>
internal static class RunEndRecording
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan LongestDelay = TimeSpan.FromSeconds(5);

    /// <param name="cancellationToken">Stops the waits between tries (shutdown); a try in progress is not torn.</param>
    public static async Task RecordEndAsync(
        this IBatchRunStore runs, BatchRun run, TimeSpan patience, TimeProvider clock, ILogger logger, CancellationToken cancellationToken)
    {
        var giveUpAt = clock.GetUtcNow() + patience;
        var delay = FirstDelay;
        while (true)
        {
            try
            {
                await runs.UpdateAsync(run, CancellationToken.None);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException && clock.GetUtcNow() + delay < giveUpAt)
            {
                logger.LogWarning(ex, "Could not record the end of batch run {RunId} ({Status}); trying again in {Delay}", run.Id, run.Status, delay);
            }

            await Task.Delay(delay, clock, cancellationToken);
            delay = delay * 2 < LongestDelay ? delay * 2 : LongestDelay;
        }
    }
}
