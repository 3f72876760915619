using System.CommandLine;
using Spectre.Console;

namespace Pinterest.Modular.Host.Cli.Bench;

/// <summary>
/// <c>bench &lt;scenario&gt; [--quick] [--data-dir D]</c>: measures the project and a baseline in the same run and prints,
/// as its last stdout line, one JSON object with the figure, the baseline and their ratio.
/// </summary>
public static class BenchCommand
{
    private static readonly string[] Scenarios =
        [IngestSingleScenario.Name, IngestKafkaScenario.Name, BatchScenario.Name, StreamLatencyScenario.Name, StreamCatchupScenario.Name, AnalyticsScenario.Name, DashboardCpuScenario.Name];

    public static Command Create()
    {
        var scenario = new Argument<string>("scenario") { Description = "One of: " + string.Join(", ", Scenarios) };
        var quick = new Option<bool>("--quick") { Description = "A smaller run that finishes in under a minute." };
        var dataDir = new Option<string?>("--data-dir") { Description = "Where the run keeps its state (default: a temporary directory, removed after)." };
        var rate = new Option<double>("--rate") { Description = "stream-latency: records per second.", DefaultValueFactory = _ => 1000 };
        var records = new Option<long?>("--records") { Description = "stream-catchup: the backlog per stream (default 100,000; 10,000 with --quick)." };
        var referenceSql = new Option<bool>("--reference-sql") { Description = "analytics: also time the nine as one SQL statement each (the reference; minutes at 1,000,000 events on SQLite)." };
        var command = new Command("bench", "Benchmark a scenario against its baseline, measured in the same run.") { scenario, quick, dataDir, rate, records, referenceSql };
        command.SetAction((result, cancellationToken) => CliRun.GuardAsync(async () =>
        {
            var name = result.GetValue(scenario) ?? string.Empty;
            if (!Scenarios.Contains(name))
            {
                throw new ArgumentException($"unknown scenario '{name}'; the scenarios are {string.Join(", ", Scenarios)}.");
            }

            if (result.GetValue(rate) <= 0)
            {
                throw new ArgumentException("--rate must be above 0.");
            }

            if (result.GetValue(records) is <= 0)
            {
                throw new ArgumentException("--records must be above 0.");
            }

            var given = result.GetValue(dataDir);
            var dir = given ?? Path.Combine(Path.GetTempPath(), "pm-bench-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            void Say(string line) => CliRun.Error.WriteLine($"bench {name}: {line}");
            try
            {
                var isQuick = result.GetValue(quick);
                var figure = name switch
                {
                    IngestSingleScenario.Name => await IngestSingleScenario.RunAsync(dir, isQuick, Say, cancellationToken),
                    IngestKafkaScenario.Name => await IngestKafkaScenario.RunAsync(dir, isQuick, Say, cancellationToken),
                    BatchScenario.Name => await BatchScenario.RunAsync(dir, isQuick, Say, cancellationToken),
                    StreamLatencyScenario.Name => await StreamLatencyScenario.RunAsync(dir, isQuick, result.GetValue(rate), Say, cancellationToken),
                    StreamCatchupScenario.Name => await StreamCatchupScenario.RunAsync(dir, isQuick, result.GetValue(records), Say, cancellationToken),
                    DashboardCpuScenario.Name => await DashboardCpuScenario.RunAsync(dir, isQuick, Say, cancellationToken),
                    _ => await AnalyticsScenario.RunAsync(dir, isQuick, result.GetValue(referenceSql), Say, cancellationToken),
                };
                Console.Out.WriteLine(figure.ToJson());
                return CliRun.Ok;
            }
            finally
            {
                if (given is null)
                {
                    Directory.Delete(dir, recursive: true);
                }
            }
        }));
        return command;
    }
}
