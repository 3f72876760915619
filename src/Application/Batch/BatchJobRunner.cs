using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Pinterest.Modular.Application.Batch;

/// <summary>
/// Runs queued batch runs one at a time, in the order they were queued (the API queues them). A run is recorded as
/// queued before it enters the queue, so a caller gets its id at once and can follow it in the run store; it runs
/// once this process holds the batch-job lease (<see cref="LeasedBatchJob"/>), so it waits behind a scheduled or
/// manual run on any host. The queue itself lives in memory: at start, runs still queued in the store are queued
/// again, and runs left running by a process that died are marked failed once the lease they ran under has lapsed
/// (<see cref="AbandonedRuns"/>; if it has not lapsed yet, the next run or the next read of the history does it).
/// Requests coalesce: while a run is still queued, another request is answered with that run, so the queue holds at
/// most one waiting run however often it is asked (one run after the request covers everything landed before it).
/// Register as a singleton and as the hosted service.
/// </summary>
public sealed class BatchJobRunner(IServiceScopeFactory scopes, IBatchRunStore runs, TimeProvider clock, ILogger<BatchJobRunner> logger)
    : BackgroundService
{
    /// <summary>How many of the newest runs start-up looks at for leftovers; older ones are history.</summary>
    private const int RecoveryWindow = 100;

    private readonly Channel<long> _queue = Channel.CreateUnbounded<long>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>One request at a time decides whether a new run is needed, so two at once cannot both queue one.</summary>
    private readonly SemaphoreSlim _enqueueing = new(1, 1);

    /// <summary>The run queued last; while its status is still queued, requests are answered with it.</summary>
    private long? _lastQueued;

    /// <summary>
    /// Records a queued run and hands it to the runner, or returns the run still waiting in the queue; either way the
    /// run as recorded (status queued, or running if it has just started).
    /// </summary>
    public async Task<BatchRun> EnqueueAsync(string trigger, CancellationToken cancellationToken)
    {
        await _enqueueing.WaitAsync(cancellationToken);
        try
        {
            if (_lastQueued is { } last && await runs.FindAsync(last, cancellationToken) is { Status: BatchRunStatus.Queued } waiting)
            {
                logger.LogInformation("Batch run {RunId} is still queued; the request ({Trigger}) joins it", waiting.Id, trigger);
                return waiting;
            }

            await using var scope = scopes.CreateAsyncScope();
            var run = await scope.ServiceProvider.GetRequiredService<BatchJob>().QueueAsync(trigger, cancellationToken);
            _lastQueued = run.Id;
            _queue.Writer.TryWrite(run.Id); // an unbounded channel always takes it
            logger.LogInformation("Batch run {RunId} ({Trigger}) queued", run.Id, run.Trigger);
            return run;
        }
        finally
        {
            _enqueueing.Release();
        }
    }

    public override void Dispose()
    {
        _enqueueing.Dispose();
        base.Dispose();
    }

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Before the loop starts (and before the API listens), so leftovers run ahead of new requests.
        await RecoverAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var id in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await RunAsync(id, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // One run's trouble (say the run store is briefly unavailable) must not stop the runner for the next.
                logger.LogError(ex, "Batch run {RunId} could not be run", id);
            }
        }
    }

    private async Task RunAsync(long id, CancellationToken stoppingToken)
    {
        // Recovery and a request can queue the same id; only a run still queued is run (checked again under the lease).
        var run = await runs.FindAsync(id, stoppingToken);
        if (run is not { Status: BatchRunStatus.Queued })
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        try
        {
            await scope.ServiceProvider.GetRequiredService<LeasedBatchJob>().RunAsync(id, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // A run that was still waiting for the lease stays queued: the next start (here or on another host) runs it.
            var current = await runs.FindAsync(id, CancellationToken.None) ?? run;
            if (current.Status is not (BatchRunStatus.Queued or BatchRunStatus.Succeeded))
            {
                await runs.UpdateAsync(
                    current with { Status = BatchRunStatus.Failed, FinishedAt = clock.GetUtcNow(), Error = "The host stopped before the run finished." },
                    CancellationToken.None);
            }

            throw;
        }
    }

    private async Task RecoverAsync(CancellationToken cancellationToken)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AbandonedRuns>().SettleAsync(cancellationToken);
        }

        var recent = await runs.ListAsync(RecoveryWindow, cancellationToken);
        foreach (var run in recent.Where(r => r.Status == BatchRunStatus.Queued).OrderBy(r => r.Id))
        {
            logger.LogInformation("Batch run {RunId} ({Trigger}) was still queued; queuing it again", run.Id, run.Trigger);
            _queue.Writer.TryWrite(run.Id);
            _lastQueued = run.Id;
        }
    }
}
