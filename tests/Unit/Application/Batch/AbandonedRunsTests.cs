using Pinterest.Modular.Application.Batch;

namespace Pinterest.Modular.Tests.Unit.Application.Batch;

/// <summary>
/// A run left "running" by a host that stopped is recorded failed once the batch-job lease it ran under has lapsed,
/// ending when its host was last seen; never while a host holds the lease.
/// </summary>
public class AbandonedRunsTests
{
    private const string Lease = LeasedBatchJob.LeaseName;

    private static DateTimeOffset Start => ManualClock.DefaultStart;

    private static async Task<BatchRun> RunningSinceAsync(ApplicationTestHost host, DateTimeOffset startedAt)
    {
        var run = await host.Runs.CreateAsync("schedule", startedAt, host.Timeout);
        run = run with { Status = BatchRunStatus.Running, StartedAt = startedAt };
        await host.Runs.UpdateAsync(run, host.Timeout);
        return run;
    }

    private static BatchRun Latest(ApplicationTestHost host, long id) => host.Runs.History.Last(r => r.Id == id);

    [Fact]
    public async Task Settle_WhenTheLeaseLapsed_FailsTheRunEndingAtItsHostsLastRenewal()
    {
        await using var host = new ApplicationTestHost(new Dictionary<string, string?> { ["BatchJob:LeaseDuration"] = "00:00:30" });
        var orphan = await RunningSinceAsync(host, Start.AddMinutes(-10));
        // Its host renewed last at Start - 2 min (a 30 s lease, so it expired at Start - 1.5 min), then died.
        host.Leases.Hold(Lease, "dead-host/7/0", Start.AddSeconds(-90));

        var settled = await host.Resolve<AbandonedRuns>().SettleAsync(host.Timeout);

        settled.Should().Be(1);
        var failed = Latest(host, orphan.Id);
        failed.Status.Should().Be(BatchRunStatus.Failed);
        failed.FinishedAt.Should().Be(Start.AddMinutes(-2));
        failed.Error.Should().Be(
            "Abandoned: the host stopped during the run (or lost the warehouse): last seen at 2026-11-21 11:58:00Z, " +
            "and its batch-job lease lapsed at 2026-11-21 11:58:30Z before the run finished.");
        host.Leases.Find(Lease).Should().BeNull("the lease was taken only to settle the run, and given back");
    }

    [Fact]
    public async Task Settle_WhenTheLastRenewalIsOlderThanTheRun_EndsItAtItsStart()
    {
        await using var host = new ApplicationTestHost();
        var orphan = await RunningSinceAsync(host, Start.AddMinutes(-1));
        host.Leases.Hold(Lease, "dead-host/7/0", Start.AddMinutes(-1)); // the lease of the previous holder, older than the run

        await host.Resolve<AbandonedRuns>().SettleAsync(host.Timeout);

        Latest(host, orphan.Id).FinishedAt.Should().Be(Start.AddMinutes(-1));
    }

    [Fact]
    public async Task Settle_WhenTheLeaseWasGivenBack_FailsTheRunEndingNow()
    {
        await using var host = new ApplicationTestHost();
        var orphan = await RunningSinceAsync(host, Start.AddMinutes(-5));

        await host.Resolve<AbandonedRuns>().SettleAsync(host.Timeout);

        var failed = Latest(host, orphan.Id);
        failed.Status.Should().Be(BatchRunStatus.Failed);
        failed.FinishedAt.Should().Be(Start);
        failed.Error.Should().Be("Abandoned: the host stopped during the run (or lost the warehouse) before it finished.");
    }

    [Fact]
    public async Task Settle_WhileAnotherHostHoldsTheLease_LeavesItsRunRunning()
    {
        await using var host = new ApplicationTestHost();
        var theirs = await RunningSinceAsync(host, Start.AddMinutes(-5));
        host.Leases.Hold(Lease, "other-host", Start.AddSeconds(1));

        var settled = await host.Resolve<AbandonedRuns>().SettleAsync(host.Timeout);

        settled.Should().Be(0);
        Latest(host, theirs.Id).Status.Should().Be(BatchRunStatus.Running);
        host.Leases.Find(Lease)!.Owner.Should().Be("other-host");
        host.Leases.Acquisitions.Should().Be(0);
    }

    [Theory]
    [InlineData(BatchRunStatus.Queued)]
    [InlineData(BatchRunStatus.Succeeded)]
    [InlineData(BatchRunStatus.Failed)]
    public async Task Settle_LeavesRunsThatAreNotRunningAsTheyAre(BatchRunStatus status)
    {
        await using var host = new ApplicationTestHost();
        var run = await host.Runs.CreateAsync("api", Start, host.Timeout);
        await host.Runs.UpdateAsync(run with { Status = status }, host.Timeout);
        var before = host.Runs.History.Count;

        (await host.Resolve<AbandonedRuns>().SettleAsync(host.Timeout)).Should().Be(0);

        host.Runs.History.Should().HaveCount(before);
    }
}
