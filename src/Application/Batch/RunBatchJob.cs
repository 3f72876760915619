using MassTransit;

namespace Pinterest.Modular.Application.Batch;

/// <summary>Run the batch job once (by hand, the API or the schedule). Answered with <see cref="BatchJobCompleted"/>.</summary>
public sealed record RunBatchJob(string Trigger);

/// <summary>The run as it ended: <see cref="BatchRunStatus.Succeeded"/> or <see cref="BatchRunStatus.Failed"/> with its error.</summary>
public sealed record BatchJobCompleted(BatchRun Run);

/// <summary>Runs by hand wait for a run in progress (on any host) to finish, then run: see <see cref="LeasedBatchJob"/>.</summary>
public sealed class RunBatchJobConsumer(LeasedBatchJob job) : IConsumer<RunBatchJob>
{
    public async Task Consume(ConsumeContext<RunBatchJob> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var run = await job.QueueAndRunAsync(context.Message.Trigger, context.CancellationToken);
        await context.RespondAsync(new BatchJobCompleted(run));
    }
}
