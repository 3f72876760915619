using System.CommandLine;
using MassTransit.Mediator;
using Pinterest.Modular.Application.Batch;
using Pinterest.Modular.Application.Persistence;
using Spectre.Console;

namespace Pinterest.Modular.Host.Cli;

/// <summary>
/// <c>batch [--data-dir D]</c> (also <c>jobs run</c>): one run of the batch job. If a run is in progress on any host
/// sharing the warehouse (the batch-job lease is held), it waits for that run to finish, then runs.
/// </summary>
public static class BatchCommand
{
    public const string Trigger = "cli";

    /// <param name="name"><c>batch</c>, or <c>run</c> under <c>jobs</c>: one verb under two names.</param>
    public static Command Create(string name = "batch")
    {
        var dataDir = CommonOptions.DataDir();
        var command = new Command(
            name,
            "Run the batch job once: land the topics, clean and upsert new landing objects, refresh the analytics. " +
            "Waits first if a run is in progress on any host sharing the warehouse.")
        {
            dataDir,
        };
        command.SetAction((result, cancellationToken) => CliRun.GuardAsync(async () =>
        {
            var progress = new ConsoleProgressReporter();
            using var host = PipelineHost.Build(CommonOptions.Overrides(result, dataDir), progress);
            var run = await RunAsync(host.Services, progress, Trigger, cancellationToken);
            return Report(run);
        }));
        return command;
    }

    public static async Task<BatchRun> RunAsync(IServiceProvider services, ConsoleProgressReporter progress, string trigger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(progress);
        await services.GetRequiredService<IWarehouse>().EnsureCreatedAsync(cancellationToken);
        var client = services.GetRequiredService<IMediator>().CreateRequestClient<RunBatchJob>(MassTransit.RequestTimeout.None);
        var response = await progress.RunAsync(() => client.GetResponse<BatchJobCompleted>(new RunBatchJob(trigger), cancellationToken));
        return response.Message.Run;
    }

    public static int Report(BatchRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var took = (run.FinishedAt - run.StartedAt)?.TotalSeconds ?? 0;
        if (run.Status != BatchRunStatus.Succeeded)
        {
            return CliRun.Fail($"batch run {run.Id} failed", run.Error ?? "no reason was recorded.", CliRun.Failed);
        }

        CliRun.Error.MarkupLineInterpolated(
            $"Batch run [green]{run.Id}[/] succeeded in {took:F1} s: {run.ObjectsRead:N0} objects read, {run.RowsUpserted:N0} rows upserted, {run.Rejected:N0} rejected.");
        return CliRun.Ok;
    }
}
