using System.CommandLine;
using MassTransit.Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Pinterest.Modular.Application.Analytics;
using Pinterest.Modular.Application.Batch;
using Pinterest.Modular.Application.Emulation;
using Pinterest.Modular.Application.Persistence;
using Pinterest.Modular.Application.Routing;
using Route = Pinterest.Modular.Application.Routing.Route;
using Pinterest.Modular.Domain.Common;
using Pinterest.Modular.Infrastructure.Source;
using Spectre.Console;

namespace Pinterest.Modular.Host.Cli;

/// <summary>
/// <c>demo [--data-dir D] [--events N]</c>: the whole pipeline in one command: seed if needed, post N events through
/// both routes with the ingest commands the API uses, let the stream route catch up, run the batch job, print the nine results.
/// </summary>
public static class DemoCommand
{
    private static readonly TimeSpan CatchUpDeadline = TimeSpan.FromMinutes(2);

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
            using var host = PipelineHost.Build(CommonOptions.Overrides(result, dataDir), progress);
            var services = host.Services;
            await services.GetRequiredService<IWarehouse>().EnsureCreatedAsync(cancellationToken);
            await host.StartAsync(cancellationToken);
            try
            {
                await SeedIfEmptyAsync(services, progress, cancellationToken);
                var plan = new EmulationPlan(result.GetValue(events), [Route.Batch, Route.Stream], Random: true, Seed: 1, Concurrency: 8);
                var summary = await progress.RunAsync(() => services.GetRequiredService<PostingEmulator>().RunAsync(plan, cancellationToken));
                CliRun.Error.MarkupLineInterpolated(
                    $"Posted {plan.Events:N0} events: {summary.Acknowledged:N0} records acknowledged, {summary.Failed:N0} failed, {summary.RequestsPerSecond:N0} requests/s (p50 {summary.P50Milliseconds:F1} ms, p99 {summary.P99Milliseconds:F1} ms).");
                foreach (var error in summary.SampleErrors)
                {
                    CliRun.Error.MarkupLineInterpolated($"[yellow]failed:[/] {error}");
                }

                await progress.RunAsync(() => WaitForStreamRouteAsync(services, progress, cancellationToken));
                var run = await BatchCommand.RunAsync(services, progress, "demo", cancellationToken);
                if (BatchCommand.Report(run) != CliRun.Ok)
                {
                    return CliRun.Failed;
                }

                var results = await QueryCommand.RunAsync(services, AnalyticsQuery.All, cancellationToken);
                ResultWriter.Write(Console.Out, results, ResultFormat.Table);
                var counts = await services.GetRequiredService<IWarehouse>().CountAsync(cancellationToken);
                CliRun.Error.MarkupLineInterpolated(
                    $"Warehouse: {counts.Pins:N0} pins, {counts.Geo:N0} geo, {counts.Users:N0} users, {counts.Rejected:N0} rejected records.");
                return summary.Failed == 0 ? CliRun.Ok : CliRun.Failed;
            }
            finally
            {
                await host.StopAsync(CancellationToken.None);
            }
        }));
        return command;
    }

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
