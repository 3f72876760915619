using System.CommandLine;
using Microsoft.Extensions.Options;
using Pinterest.Modular.Application.Analytics;
using Pinterest.Modular.Application.Common;
using Pinterest.Modular.Application.Emulation;
using Pinterest.Modular.Application.Kinds;
using Pinterest.Modular.Application.Persistence;
using Pinterest.Modular.Application.Routing;
using Pinterest.Modular.Domain.Common;
using Pinterest.Modular.Host.Api;
using Pinterest.Modular.Host.Api.Client;
using Pinterest.Modular.Infrastructure.Source;
using Spectre.Console;
using Route = Pinterest.Modular.Application.Routing.Route;

namespace Pinterest.Modular.Host.Cli;

/// <summary>
/// <c>demo [--data-dir D] [--events N]</c>: the whole pipeline in one command: start the API on a loopback port, seed if
/// needed, post N events through both routes over HTTP as a client would, let the stream route catch up, run the batch
/// job, print the nine results.
/// </summary>
public static class DemoCommand
{
    /// <summary>A free loopback port: the demo's API is for the demo alone.</summary>
    private const string LoopbackUrl = "http://127.0.0.1:0";

    private static readonly TimeSpan CatchUpDeadline = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The CLI prints results on stdout and progress on stderr; the server in it logs only what is wrong, and to stderr.
    /// </summary>
    private static readonly Dictionary<string, string?> QuietServer = new()
    {
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
        ["Logging:Console:LogToStandardErrorThreshold"] = "Trace",
    };

    public static Command Create()
    {
        var dataDir = CommonOptions.DataDir();
        var events = new Option<int>("--events") { Description = "Posting events to send (each a pin, geo and user row).", DefaultValueFactory = _ => 2000 };
        var command = new Command("demo", "Seed if needed, post events through the batch and stream routes, run the batch job and print the analytics.")
        {
            dataDir, events,
        };
        command.SetAction((result, cancellationToken) => CliRun.GuardAsync(async () =>
        {
            var progress = new ConsoleProgressReporter();
            var overrides = CommonOptions.Overrides(result, dataDir);
            foreach (var (key, value) in QuietServer)
            {
                overrides[key] = value;
            }

            overrides["Scheduler:Enabled"] = "false"; // the demo runs the batch job itself; the schedule is serve's

            await using var app = ApiHost.Build(overrides, [LoopbackUrl], services => services.AddSingleton<IProgressReporter>(progress));
            var services = app.Services;

            // Validated here first, so a bad setting is the one-line message, not the host's logged start failure.
            services.GetService<IStartupValidator>()?.Validate();
            await app.StartAsync(cancellationToken);
            try
            {
                await SeedIfEmptyAsync(services, progress, cancellationToken);
                var plan = new EmulationPlan(result.GetValue(events), [Route.Batch, Route.Stream], Random: true, Seed: 1, Concurrency: 16);
                var client = new HttpPostingOptions(app.BoundAddress(), EmulateCommand.ApiKeyFrom(app.Configuration) ?? app.Configuration["Api:Keys:0"], plan.Concurrency);
                var summary = await EmulateCommand.RunAsync(services, client, plan, progress, cancellationToken);
                EmulationReport.Print(summary);

                await progress.RunAsync(() => WaitForStreamRouteAsync(services, progress, cancellationToken));
                var run = await BatchCommand.RunAsync(services, progress, "demo", cancellationToken);
                if (BatchCommand.Report(run) != CliRun.Ok)
                {
                    return CliRun.Failed;
                }

                var results = await QueryCommand.RunAsync(services, AnalyticsQuery.All, cancellationToken);
                ResultWriter.Write(Console.Out, results, ResultFormat.Table);
                var counts = await services.GetRequiredService<IWarehouse>().CountAsync(cancellationToken);
                var tables = services.GetRequiredService<RecordKindRegistry>().All.Select(kind => $"{counts.Of(kind.Kind):N0} {kind.Warehouse.Name}");
                CliRun.Error.MarkupLineInterpolated($"Warehouse: {string.Join(", ", tables)}, {counts.Rejected:N0} rejected records.");
                return summary.Failed == 0 ? CliRun.Ok : CliRun.Failed;
            }
            finally
            {
                await app.StopAsync(CancellationToken.None);
            }
        }));
        return command;
    }

    /// <summary>Where the API listens, with its path base (Api:PathBase), as a client would address it.</summary>
    private static async Task SeedIfEmptyAsync(IServiceProvider services, ConsoleProgressReporter progress, CancellationToken cancellationToken)
    {
        var source = services.GetRequiredService<ISourceDatabase>();
        if (await source.CountAsync(RecordKind.Pin, cancellationToken) > 0)
        {
            return;
        }

        var rows = SyntheticSourceData.DefaultRows;
        await progress.RunAsync(async () =>
        {
            await source.SeedAsync(rows, seed: 1, new Progress<long>(done => progress.Report("Seeding source tables", done, rows)), cancellationToken);
            progress.Report("Seeding source tables", rows, rows);
            return 0;
        });
    }

    /// <summary>Waits until the stream route has processed everything it accepted.</summary>
    private static async Task<int> WaitForStreamRouteAsync(IServiceProvider services, ConsoleProgressReporter progress, CancellationToken cancellationToken)
    {
        var monitor = services.GetRequiredService<IRouteMonitor>();
        var deadline = DateTime.UtcNow + CatchUpDeadline;
        while (true)
        {
            var streams = (await monitor.GetProgressAsync(cancellationToken)).Where(p => p.Destination.Route == Route.Stream).ToList();
            var accepted = streams.Sum(s => s.Accepted);
            var processed = streams.Sum(s => Math.Min(s.Processed ?? 0, s.Accepted));
            progress.Report("Stream route processing", processed, accepted);
            if (processed >= accepted)
            {
                return 0;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"the stream route processed {processed:N0} of {accepted:N0} records within {CatchUpDeadline.TotalSeconds:N0} s.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
    }
}
