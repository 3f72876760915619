using System.CommandLine;
using Pinterest.Modular.Host.Api;

namespace Pinterest.Modular.Host.Cli;

/// <summary><c>serve [--urls URL] [--data-dir D]</c>: the API, the route workers and the scheduler in one process.</summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var dataDir = CommonOptions.DataDir();
        var urls = new Option<string[]>("--urls")
        {
            Description = $"Where to listen (default {ApiHost.DefaultUrl}); several separated by ';'.",
            AllowMultipleArgumentsPerToken = true,
        };
        var command = new Command("serve", "Run the ingest API (Kafka REST proxy and Kinesis proxy compatible), the workers, the operations API and the batch job's schedule (Scheduler:*).")
        {
            urls, dataDir,
        };
        command.SetAction((result, cancellationToken) => CliRun.GuardAsync(async () =>
        {
            var listen = (result.GetValue(urls) ?? []).SelectMany(u => u.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
            await using var app = ApiHost.Build(CommonOptions.Overrides(result, dataDir), listen);
            await app.RunAsync(cancellationToken);
            return CliRun.Ok;
        }));
        return command;
    }
}
