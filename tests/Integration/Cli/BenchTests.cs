using System.Text.Json;

namespace Pinterest.Modular.Tests.Integration.Cli;

[Collection(CliTestGroup.Name)]
public sealed class BenchTests
{
    [Fact]
    public async Task BenchBatchQuick_PrintsOneJsonLineWithTheFigureItsBaselineAndTheirRatio()
    {
        var run = await CliProcess.RunAsync("bench", "batch", "--quick");

        var last = run.ShouldSucceed().Stdout.TrimEnd().Split('\n')[^1];
        using var json = JsonDocument.Parse(last);
        var root = json.RootElement;
        root.GetProperty("scenario").GetString().Should().Be("batch");
        root.GetProperty("unit").GetString().Should().Be("rows/s");
        var value = root.GetProperty("value").GetDouble();
        var baseline = root.GetProperty("baseline").GetDouble();
        value.Should().BePositive();
        baseline.Should().BePositive();
        root.GetProperty("ratio").GetDouble().Should().BeApproximately(value / baseline, 0.01);
        root.GetProperty("rows").GetInt64().Should().Be(3 * root.GetProperty("events").GetInt64(), "every event's pin, geo and user row is stored");
        root.GetProperty("quick").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task Bench_WithAnUnknownScenario_ExitsTwoAndListsTheScenarios()
    {
        var run = await CliProcess.RunAsync("bench", "nope");

        run.ExitCode.Should().Be(2);
        run.StderrUnwrapped.Should().Contain("unknown scenario 'nope'").And.Contain("ingest-single");
    }
}
