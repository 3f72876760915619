using System.CommandLine;
using Pinterest.Modular.Application.Emulation;
using Pinterest.Modular.Infrastructure.Source;
using Spectre.Console;

namespace Pinterest.Modular.Host.Cli;

/// <summary><c>seed [--data-dir D] [--rows N] [--seed S]</c>: writes the three source tables with synthetic rows.</summary>
public static class SeedCommand
{
    public static Command Create()
    {
        var dataDir = CommonOptions.DataDir();
        var rows = new Option<int>("--rows") { Description = "Rows per table.", DefaultValueFactory = _ => SyntheticSourceData.DefaultRows };
        var seed = new Option<int>("--seed") { Description = "Random seed: the same seed gives the same data.", DefaultValueFactory = _ => 1 };
        var command = new Command("seed", "Write the source database (pinterest_data, geolocation_data, user_data) with synthetic rows.")
        {
            dataDir, rows, seed,
        };
        command.SetAction((result, cancellationToken) => CliRun.GuardAsync(async () =>
        {
            var count = result.GetValue(rows);
            if (count < 1)
            {
                throw new ArgumentException("--rows must be at least 1.");
            }

            var progress = new ConsoleProgressReporter();
            using var host = PipelineHost.Build(CommonOptions.Overrides(result, dataDir), progress);
            var source = host.Services.GetRequiredService<ISourceDatabase>();
            await progress.RunAsync(async () =>
            {
                await source.SeedAsync(count, result.GetValue(seed), new Progress<long>(done => progress.Report("Seeding source tables", done, count)), cancellationToken);
                progress.Report("Seeding source tables", count, count);
                return 0;
            });
            CliRun.Error.MarkupLineInterpolated($"Seeded [green]{count:N0}[/] rows into each of pinterest_data, geolocation_data, user_data.");
            return CliRun.Ok;
        }));
        return command;
    }
}
