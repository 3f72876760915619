using System.CommandLine;

namespace Pinterest.Modular.Host.Cli;

/// <summary>The verbs of <c>pinterest-modular</c>.</summary>
public static class CliApp
{
    public static RootCommand Create()
    {
        var root = new RootCommand("Pinterest.Modular: the Pinterest data pipeline (ingest, route, clean, persist, analytics) in one host.");
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(EmulateCommand.Create());
        root.Subcommands.Add(SeedCommand.Create());
        root.Subcommands.Add(CleanCommand.Create());
        root.Subcommands.Add(BatchCommand.Create());
        root.Subcommands.Add(JobsCommand.Create());
        root.Subcommands.Add(QueryCommand.Create());
        root.Subcommands.Add(MigrateCommand.Create());
        root.Subcommands.Add(Bench.BenchCommand.Create());
        return root;
    }
}
