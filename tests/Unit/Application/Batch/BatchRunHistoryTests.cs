using Pinterest.Modular.Application.Batch;

namespace Pinterest.Modular.Tests.Unit.Application.Batch;

/// <summary>The history as the CLI, the API and the dashboard read it: never "running" for a run nobody runs.</summary>
public class BatchRunHistoryTests
{
    private const string Lease = LeasedBatchJob.LeaseName;

    private static DateTimeOffset Start => ManualClock.DefaultStart;

    private static async Task<BatchRun> RunningAsync(ApplicationTestHost host)
    {
        var run = await host.Runs.CreateAsync("api", Start.AddMinutes(-5), host.Timeout);
        run = run with { Status = BatchRunStatus.Running, StartedAt = Start.AddMinutes(-5) };
        await host.Runs.UpdateAsync(run, host.Timeout);
        return run;
    }

    [Fact]
    public async Task List_WhenARunsHostStoppedAndItsLeaseLapsed_ShowsItFailed()
    {
        await using var host = new ApplicationTestHost();
        var orphan = await RunningAsync(host);
        host.Leases.Hold(Lease, "dead-host/1/0", Start.AddSeconds(-1));

        var runs = await host.Resolve<BatchRunHistory>().ListAsync(10, host.Timeout);

        var shown = runs.Should().ContainSingle().Subject;
        shown.Id.Should().Be(orphan.Id);
        shown.Status.Should().Be(BatchRunStatus.Failed);
        shown.Error.Should().StartWith(AbandonedRuns.ErrorPrefix);
    }

    [Fact]
    public async Task Find_WhenTheRunsHostStoppedAndItsLeaseLapsed_ShowsItFailed()
    {
        await using var host = new ApplicationTestHost();
        var orphan = await RunningAsync(host);
        host.Leases.Hold(Lease, "dead-host/1/0", Start);

        var shown = await host.Resolve<BatchRunHistory>().FindAsync(orphan.Id, host.Timeout);

        shown!.Status.Should().Be(BatchRunStatus.Failed);
        shown.FinishedAt.Should().Be(Start - Pinterest.Modular.Application.Scheduling.Leases.DefaultDuration);
    }

    [Fact]
    public async Task List_WhileTheRunsHostHoldsTheLease_ShowsItRunning()
    {
        await using var host = new ApplicationTestHost();
        await RunningAsync(host);
        host.Leases.Hold(Lease, "live-host/1/0", Start.AddSeconds(20));

        var runs = await host.Resolve<BatchRunHistory>().ListAsync(10, host.Timeout);

        runs.Should().ContainSingle().Which.Status.Should().Be(BatchRunStatus.Running);
    }

    [Fact]
    public async Task List_WhenNoRunIsRunning_DoesNotTouchTheLease()
    {
        await using var host = new ApplicationTestHost();
        await host.Runs.CreateAsync("api", Start, host.Timeout);

        await host.Resolve<BatchRunHistory>().ListAsync(10, host.Timeout);

        host.Leases.Acquisitions.Should().Be(0);
    }

    [Fact]
    public async Task List_WhenCheckingTheLeaseFails_ShowsTheRunsAsRecorded()
    {
        await using var host = new ApplicationTestHost();
        var orphan = await RunningAsync(host);
        host.Runs.FailUpdate = _ => new InvalidOperationException("database is locked");

        var runs = await host.Resolve<BatchRunHistory>().ListAsync(10, host.Timeout);

        runs.Should().ContainSingle().Which.Should().Be(orphan);
    }
}
