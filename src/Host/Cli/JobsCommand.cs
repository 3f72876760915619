using System.CommandLine;
using Pinterest.Modular.Application.Batch;
using Pinterest.Modular.Application.Persistence;
using Pinterest.Modular.Host.Api.Operations;

namespace Pinterest.Modular.Host.Cli;

/// <summary>
/// <c>jobs list [--data-dir D] [--limit N] [--format table|json]</c>: the batch job's runs, newest first, whoever
/// started them (schedule, API, CLI); a run whose host stopped during it is shown failed once its lease lapsed.
/// <c>jobs run [--data-dir D]</c>: the <c>batch</c> verb under another name.
/// </summary>
public static class JobsCommand
{
    public const int DefaultLimit = 20;

    public static Command Create()
    {
        var jobs = new Command("jobs", "The batch job's runs: list the history, or run the job once.");
        jobs.Subcommands.Add(CreateList());
        jobs.Subcommands.Add(BatchCommand.Create("run"));
        return jobs;
    }

    public static async Task<IReadOnlyList<BatchRun>> ListAsync(IServiceProvider services, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        await services.GetRequiredService<IWarehouse>().EnsureCreatedAsync(cancellationToken);
        return await services.GetRequiredService<BatchRunHistory>().ListAsync(limit, cancellationToken);
    }

    private static Command CreateList()
    {
        var dataDir = CommonOptions.DataDir();
        var limit = new Option<int>("--limit")
        {
            Description = $"How many of the newest runs (1 to {BatchJobEndpoints.MaxLimit}, default {DefaultLimit}).",
            DefaultValueFactory = _ => DefaultLimit,
        };
        var format = new Option<RunListFormat>("--format") { Description = "table or json.", DefaultValueFactory = _ => RunListFormat.Table };
        var command = new Command(
            "list",
            "The batch job's runs, newest first: id, trigger, status, timings, objects read, rows upserted, rejected, error.")
        {
            dataDir, limit, format,
        };
        command.SetAction((result, cancellationToken) => CliRun.GuardAsync(async () =>
        {
            var take = result.GetValue(limit);
            if (take is < 1 or > BatchJobEndpoints.MaxLimit)
            {
                throw new ArgumentException($"--limit must be from 1 to {BatchJobEndpoints.MaxLimit}; it is {take}.");
            }

            using var host = PipelineHost.Build(CommonOptions.Overrides(result, dataDir));
            var runs = await ListAsync(host.Services, take, cancellationToken);
            RunListWriter.Write(Console.Out, runs, result.GetValue(format));
            return CliRun.Ok;
        }));
        return command;
    }
}
