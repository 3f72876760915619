using System.Text.Json;
using Pinterest.Modular.Tests.Integration.Support;

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
    public async Task BenchStreamCatchup_StoresTheWholeBacklog_AndComparesItWithPlainGetRecords()
    {
        var run = await CliProcess.RunAsync(new CliCall(["bench", "stream-catchup", "--quick", "--records", "3000"])
        {
            Environment = new Dictionary<string, string> { ["Kinesis__ServiceUrl"] = TestServers.KinesisServiceUrl.ToString() },
            Timeout = TimeSpan.FromMinutes(3),
        });

        var last = run.ShouldSucceed().Stdout.TrimEnd().Split('\n')[^1];
        using var json = JsonDocument.Parse(last);
        var root = json.RootElement;
        root.GetProperty("scenario").GetString().Should().Be("stream-catchup");
        root.GetProperty("records_per_stream").GetInt64().Should().Be(3000);
        var value = root.GetProperty("value").GetDouble();
        var baseline = root.GetProperty("baseline").GetDouble();
        value.Should().BeApproximately(3000 / root.GetProperty("drain_s").GetDouble(), value * 0.01);
        baseline.Should().BeApproximately(3000 / root.GetProperty("baseline_read_s").GetDouble(), baseline * 0.01);
        root.GetProperty("ratio").GetDouble().Should().BeApproximately(value / baseline, 0.01);
    }

    [Fact]
    public async Task BenchStreamCatchup_WithoutAKinesisEndpoint_ExitsTwoNamingTheKey()
    {
        var run = await CliProcess.RunAsync("bench", "stream-catchup", "--quick");

        run.ExitCode.Should().Be(2);
        run.StderrUnwrapped.Should().Contain("Kinesis:ServiceUrl");
    }

    [Fact]
    public async Task Bench_WithAnUnknownScenario_ExitsTwoAndListsTheScenarios()
    {
        var run = await CliProcess.RunAsync("bench", "nope");

        run.ExitCode.Should().Be(2);
        run.StderrUnwrapped.Should().Contain("unknown scenario 'nope'").And.Contain("ingest-single");
    }
}
