using System.CommandLine;
using Pinterest.Modular.Infrastructure.Database;
using Spectre.Console;

namespace Pinterest.Modular.Host.Cli;

/// <summary>
/// <c>migrate [--data-dir D]</c>: brings the warehouse schema up to date with the configured engine's migrations,
/// whatever <c>Database:Migrate</c> says (a deploy step on PostgreSQL, where hosts do not migrate at start).
/// Prints the migrations it applied on stdout, one id a line; never the connection string.
/// </summary>
public static class MigrateCommand
{
    public static Command Create()
    {
        var dataDir = CommonOptions.DataDir();
        var command = new Command("migrate", "Apply the warehouse's pending migrations (Database:Provider, ConnectionStrings:Warehouse), creating the database if needed.")
        {
            dataDir,
        };
        command.SetAction((result, cancellationToken) => CliRun.GuardAsync(async () =>
        {
            using var host = PipelineHost.Build(CommonOptions.Overrides(result, dataDir));
            var provider = host.Services.GetRequiredService<DatabaseProvider>();
            var applied = await host.Services.GetRequiredService<WarehouseSchema>().MigrateAsync(cancellationToken);
            foreach (var id in applied)
            {
                Console.Out.WriteLine(id);
            }

            if (applied.Count == 0)
            {
                CliRun.Error.MarkupLineInterpolated($"The {provider.Name} warehouse is up to date; nothing to apply.");
            }
            else
            {
                CliRun.Error.MarkupLineInterpolated($"Applied [green]{applied.Count}[/] migration(s) to the {provider.Name} warehouse.");
            }

            return CliRun.Ok;
        }));
        return command;
    }
}
