using System.CommandLine;
using Pinterest.Modular.Application.Analytics;
using Pinterest.Modular.Application.Persistence;

namespace Pinterest.Modular.Host.Cli;

/// <summary><c>query [NAME...] [--data-dir D] [--format table|json|csv]</c>: the analytics of spec §5 on the warehouse as it is now.</summary>
public static class QueryCommand
{
    public static Command Create()
    {
        var dataDir = CommonOptions.DataDir();
        var names = new Argument<string[]>("NAME")
        {
            Description = "Queries to run (default: all nine): " + string.Join(", ", AnalyticsQuery.All),
            Arity = ArgumentArity.ZeroOrMore,
        };
        var format = new Option<ResultFormat>("--format") { Description = "table, json or csv.", DefaultValueFactory = _ => ResultFormat.Table };
        var command = new Command("query", "Print the analytics results.") { names, dataDir, format };
        command.SetAction((result, cancellationToken) => CliRun.GuardAsync(async () =>
        {
            var requested = result.GetValue(names) is { Length: > 0 } given ? given : [.. AnalyticsQuery.All];
            var unknown = requested.Where(n => !AnalyticsQuery.IsKnown(n)).ToList();
            if (unknown.Count > 0)
            {
                throw new ArgumentException($"unknown query {string.Join(", ", unknown)}; the queries are {string.Join(", ", AnalyticsQuery.All)}.");
            }

            using var host = PipelineHost.Build(CommonOptions.Overrides(result, dataDir));
            var results = await RunAsync(host.Services, requested, cancellationToken);
            ResultWriter.Write(Console.Out, results, result.GetValue(format));
            return CliRun.Ok;
        }));
        return command;
    }

    public static async Task<IReadOnlyList<AnalyticsResult>> RunAsync(IServiceProvider services, IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(names);
        await services.GetRequiredService<IWarehouse>().EnsureCreatedAsync(cancellationToken);
        var queries = services.GetRequiredService<IAnalyticsQueries>();
        if (names.Count == 1)
        {
            return [await queries.RunAsync(names[0], cancellationToken)];
        }

        // Several names: one pass computes all nine, cheaper than a pass per name.
        var all = (await queries.RunAllAsync(cancellationToken)).ToDictionary(result => result.Name, StringComparer.Ordinal);
        return [.. names.Select(name => all[name])];
    }
}
