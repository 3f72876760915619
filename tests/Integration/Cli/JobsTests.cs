using System.Globalization;
using System.Text.Json;

namespace Pinterest.Modular.Tests.Integration.Cli;

/// <summary><c>jobs list</c> and <c>jobs run</c> through the built CLI.</summary>
[Collection(CliTestGroup.Name)]
public sealed class JobsTests : IDisposable
{
    private readonly TempDir _dataDir = new();

    private string Warehouse => _dataDir.Combine("warehouse.db");

    [Fact]
    public async Task JobsRun_ThenJobsList_ShowsEveryRunWithTheApisFieldsNewestFirst()
    {
        Land("pin", """{"index":1,"category":"travel","follower_count":"5"}""", """{"no":"key"}""");
        (await CliProcess.RunAsync("jobs", "run", "--data-dir", _dataDir.Path)).ShouldSucceed();
        (await CliProcess.RunAsync("batch", "--data-dir", _dataDir.Path)).ShouldSucceed();

        var runs = await ListJsonAsync();

        runs.Should().HaveCount(2);
        runs.Select(r => r.GetProperty("id").GetInt64()).Should().BeInDescendingOrder();
        var (second, first) = (runs[0], runs[1]);
        first.GetProperty("trigger").GetString().Should().Be("cli", "jobs run and batch are one verb");
        first.GetProperty("status").GetString().Should().Be("succeeded");
        first.GetProperty("objects_read").GetInt32().Should().Be(1);
        first.GetProperty("rows_upserted").GetInt64().Should().Be(1);
        first.GetProperty("rejected").GetInt64().Should().Be(1);
        first.GetProperty("error").ValueKind.Should().Be(JsonValueKind.Null);
        first.GetProperty("duration_ms").GetInt64().Should().BeGreaterThanOrEqualTo(0);
        first.GetProperty("finished_at").GetDateTime().Should().BeOnOrAfter(first.GetProperty("started_at").GetDateTime());
        second.GetProperty("objects_read").GetInt32().Should().Be(0, "the first run marked the object done");
    }

    [Fact]
    public async Task JobsList_AsATable_ShowsTheColumnsAndEachRun()
    {
        (await CliProcess.RunAsync("jobs", "run", "--data-dir", _dataDir.Path)).ShouldSucceed();

        var output = (await CliProcess.RunAsync("jobs", "list", "--data-dir", _dataDir.Path)).ShouldSucceed();

        var header = output.StdoutLines.First(l => l.Contains("trigger", StringComparison.Ordinal));
        header.Should().ContainAll("id", "status", "queued", "started", "finished", "took", "objects", "rows", "rejected", "error");
        output.StdoutLines.Should().ContainSingle(l => l.Contains(" cli ", StringComparison.Ordinal) && l.Contains("succeeded", StringComparison.Ordinal));
    }

    [Fact]
    public async Task JobsList_ShowsTheHostThatRanEachRun_ByItsConfiguredNameOrTheDefaultOne()
    {
        var named = new CliCall(["jobs", "run", "--data-dir", _dataDir.Path])
        {
            Environment = new Dictionary<string, string> { ["Cluster__HostName"] = "etl-box-1" },
        };
        (await CliProcess.RunAsync(named)).ShouldSucceed();
        (await CliProcess.RunAsync("jobs", "run", "--data-dir", _dataDir.Path)).ShouldSucceed();

        var runs = await ListJsonAsync();
        var table = (await CliProcess.RunAsync("jobs", "list", "--data-dir", _dataDir.Path)).ShouldSucceed();

        runs[1].GetProperty("host").GetString().Should().Be("etl-box-1");
        runs[0].GetProperty("host").GetString().Should().StartWith(Environment.MachineName + "/", "the default name is machine/pid/random");
        table.StdoutLines.First(l => l.Contains("trigger", StringComparison.Ordinal)).Should().Contain("host");
        table.StdoutLines.Should().ContainSingle(l => l.Contains("etl-box-1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task JobsList_WithALimit_ShowsOnlyTheNewestRuns()
    {
        (await CliProcess.RunAsync("jobs", "run", "--data-dir", _dataDir.Path)).ShouldSucceed();
        (await CliProcess.RunAsync("jobs", "run", "--data-dir", _dataDir.Path)).ShouldSucceed();

        var runs = await ListJsonAsync("--limit", "1");

        runs.Should().ContainSingle().Which.GetProperty("id").GetInt64().Should().Be(2);
    }

    [Fact]
    public async Task JobsList_OnANewWarehouse_SaysThereAreNoRuns()
    {
        var table = (await CliProcess.RunAsync("jobs", "list", "--data-dir", _dataDir.Path)).ShouldSucceed();

        table.Stdout.Should().Contain("(no runs yet)");
        (await ListJsonAsync()).Should().BeEmpty();
    }

    [Theory]
    [InlineData("--limit", "0", "--limit must be from 1 to 500")]
    [InlineData("--limit", "501", "--limit must be from 1 to 500")]
    [InlineData("--limit", "ten", "ten")]
    [InlineData("--format", "csv", "csv")]
    public async Task JobsList_WithABadOption_ExitsWithBadInputNamingIt(string option, string value, string message)
    {
        var output = await CliProcess.RunAsync("jobs", "list", option, value, "--data-dir", _dataDir.Path);

        output.ShouldFailWith(2, message);
    }

    [Fact]
    public async Task JobsRun_WhileAnotherHostHoldsTheLease_WaitsForItThenRuns()
    {
        (await CliProcess.RunAsync("jobs", "list", "--data-dir", _dataDir.Path)).ShouldSucceed(); // creates the warehouse
        var heldUntil = DateTime.UtcNow.AddSeconds(3);
        SqliteFile.Execute(
            Warehouse,
            "INSERT INTO leases (name, owner, expires_at) VALUES ('batch-job', 'other-host/1/0', @until)",
            ("@until", heldUntil));

        (await CliProcess.RunAsync("jobs", "run", "--data-dir", _dataDir.Path)).ShouldSucceed();

        var run = (await ListJsonAsync()).Should().ContainSingle().Subject;
        run.GetProperty("started_at").GetDateTime().Should().BeOnOrAfter(heldUntil, "the run waited for the other host's lease to lapse");
        SqliteFile.Count(Warehouse, "leases").Should().Be(0, "the run released the lease it took over");
    }

    public void Dispose() => _dataDir.Dispose();

    private async Task<List<JsonElement>> ListJsonAsync(params string[] extra)
    {
        var output = (await CliProcess.RunAsync(["jobs", "list", "--format", "json", "--data-dir", _dataDir.Path, .. extra])).ShouldSucceed();
        using var json = JsonDocument.Parse(output.Stdout);
        return [.. json.RootElement.EnumerateArray().Select(e => e.Clone())];
    }

    private void Land(string kind, params string[] rows)
    {
        var topic = $"pinterest.{kind}";
        var folder = _dataDir.Combine("landing", "topics", topic, "partition=0");
        Directory.CreateDirectory(folder);
        File.WriteAllText(
            Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"{topic}+0+{0:D10}.json")),
            string.Join('\n', rows) + "\n");
    }
}
