using System.Text.Json;
using Pinterest.Modular.Application.Batch;

namespace Pinterest.Modular.Tests.Integration.Cli;

/// <summary>
/// <c>jobs list</c> after a host died during a run (no host running): the run is shown failed once the lease it ran
/// under has lapsed, ending when its host was last seen; while the lease is held, it is shown running.
/// </summary>
[Collection(CliTestGroup.Name)]
public sealed class JobsAbandonedRunTests : IDisposable
{
    private readonly TempDir _dataDir = new();

    private string Warehouse => _dataDir.Combine("warehouse.db");

    [Fact]
    public async Task JobsList_WhenTheRunsHostDiedAndItsLeaseLapsed_ShowsTheRunFailedEndingWhenItWasLastSeen()
    {
        var started = DateTime.UtcNow.AddMinutes(-10);
        var lapsedAt = DateTime.UtcNow.AddMinutes(-2);
        await LeaveARunningAsync(started, lapsedAt);

        var run = (await ListJsonAsync()).Should().ContainSingle().Subject;

        run.GetProperty("status").GetString().Should().Be("failed");
        run.GetProperty("error").GetString().Should().StartWith(AbandonedRuns.ErrorPrefix).And.Contain("last seen at");
        run.GetProperty("finished_at").GetDateTime().Should().BeCloseTo(lapsedAt.AddMinutes(-1), TimeSpan.FromMilliseconds(1),
            "its host renewed the (default one-minute) lease last a minute before it lapsed");
        SqliteFile.Count(Warehouse, "leases").Should().Be(0, "the lease was taken only to record the run, and given back");
    }

    [Fact]
    public async Task JobsList_WhileTheRunsHostHoldsTheLease_ShowsItRunning()
    {
        await LeaveARunningAsync(DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow.AddMinutes(5));

        var run = (await ListJsonAsync()).Should().ContainSingle().Subject;

        run.GetProperty("status").GetString().Should().Be("running");
        run.GetProperty("finished_at").ValueKind.Should().Be(JsonValueKind.Null);
    }

    public void Dispose() => _dataDir.Dispose();

    /// <summary>What a host killed during a run leaves: the run recorded running, and its lease until it lapses.</summary>
    private async Task LeaveARunningAsync(DateTime startedAt, DateTime leaseExpiresAt)
    {
        (await CliProcess.RunAsync("jobs", "list", "--data-dir", _dataDir.Path)).ShouldSucceed(); // creates the warehouse
        SqliteFile.Execute(
            Warehouse,
            "INSERT INTO batch_runs (trigger, status, queued_at, started_at, objects_read, rows_upserted, rejected) " +
            "VALUES ('schedule', 'Running', @started, @started, 0, 0, 0)",
            ("@started", startedAt));
        SqliteFile.Execute(
            Warehouse,
            "INSERT INTO leases (name, owner, expires_at) VALUES ('batch-job', 'dead-host/1/0', @until)",
            ("@until", leaseExpiresAt));
    }

    private async Task<List<JsonElement>> ListJsonAsync()
    {
        var output = (await CliProcess.RunAsync("jobs", "list", "--format", "json", "--data-dir", _dataDir.Path)).ShouldSucceed();
        using var json = JsonDocument.Parse(output.Stdout);
        return [.. json.RootElement.EnumerateArray().Select(e => e.Clone())];
    }
}
