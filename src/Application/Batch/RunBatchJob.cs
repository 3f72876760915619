using MassTransit;

namespace Pinterest.Modular.Application.Batch;

/// <summary>Run the batch job once (by hand, the API or the schedule). Answered with <see cref="BatchJobCompleted"/>.</summary>
public sealed record RunBatchJob(string Trigger);

/// <summary>The run as it ended: <see cref="BatchRunStatus.Succeeded"/> or <see cref="BatchRunStatus.Failed"/> with its error.</summary>
public sealed record BatchJobCompleted(BatchRun Run);

public sealed class RunBatchJobConsumer(BatchJob job) : IConsumer<RunBatchJob>
{
    public async Task Consume(ConsumeContext<RunBatchJob> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var run = await job.QueueAsync(context.Message.Trigger, context.CancellationToken);
        run = await job.ExecuteAsync(run, context.CancellationToken);
        await context.RespondAsync(new BatchJobCompleted(run));
    }
}
