using Pinterest.Modular.Application.Batch;
using Pinterest.Modular.Application.Common;
using Pinterest.Modular.Application.Scheduling;

namespace Pinterest.Modular.Tests.Unit.Application.Batch;

/// <summary>Every run takes the batch-job lease: it waits for another host's run, and never runs what is not queued.</summary>
public class LeasedBatchJobTests
{
    private const string Lease = LeasedBatchJob.LeaseName;

    /// <summary>Renewals of the default one-minute lease.</summary>
    private static readonly TimeSpan RenewEvery = Leases.DefaultDuration / 3;

    private static DateTimeOffset Start => ManualClock.DefaultStart;

    private static BatchRun Latest(ApplicationTestHost host, long id) => host.Runs.History.Last(r => r.Id == id);

    [Fact]
    public async Task QueueAndRun_WhenTheLeaseIsFree_RunsAndGivesTheLeaseBack()
    {
        await using var host = new ApplicationTestHost();

        var run = await host.Resolve<LeasedBatchJob>().QueueAndRunAsync("cli", host.Timeout);

        run.Status.Should().Be(BatchRunStatus.Succeeded);
        host.Leases.Acquisitions.Should().Be(1);
        host.Leases.Find(Lease).Should().BeNull();
    }

    [Fact]
    public async Task QueueAndRun_RecordsTheHostThatRanIt_OnlyOnceItStarts_UnderALeaseThatHostOwns()
    {
        await using var host = new ApplicationTestHost(new Dictionary<string, string?> { ["Cluster:HostName"] = "etl-1" });
        host.Leases.Hold(Lease, "other-host", Start.AddMinutes(1));

        var running = host.Resolve<LeasedBatchJob>().QueueAndRunAsync("cli", host.Timeout);
        await Poll.UntilAsync(() => host.Clock.PendingTimers.Count == 1, () => "the wait for the lease");
        host.Runs.History.Should().ContainSingle().Which.Host.Should().BeNull("a queued run has no host yet");
        host.Leases.Hold(Lease, "other-host", Start);
        host.Clock.Advance(Leases.WaitInterval);

        var run = await running;
        run.Host.Should().Be("etl-1");
        host.Runs.History.Where(r => r.Status == BatchRunStatus.Running).Should().ContainSingle().Which.Host.Should().Be("etl-1");
        host.Leases.Taken.Should().ContainSingle(l => l.Name == Lease)
            .Which.Owner.Should().Match(owner => HostIdentity.Owns("etl-1", owner), "the batch-job lease's owner names the host");
    }

    [Fact]
    public async Task QueueAndRun_WhenAnotherHostIsRunning_WaitsQueuedUntilItsLeaseIsFree()
    {
        await using var host = new ApplicationTestHost();
        host.Leases.Hold(Lease, "other-host", Start.AddMinutes(1));

        var running = host.Resolve<LeasedBatchJob>().QueueAndRunAsync("cli", host.Timeout);
        await Poll.UntilAsync(() => host.Clock.PendingTimers.Count == 1, () => "the wait for the lease");
        host.Runs.History.Should().ContainSingle().Which.Status.Should().Be(BatchRunStatus.Queued);
        host.Sink.Flushes.Should().Be(0);

        host.Leases.Hold(Lease, "other-host", Start); // the other run ended
        host.Clock.Advance(Leases.WaitInterval);

        var run = await running;
        run.Status.Should().Be(BatchRunStatus.Succeeded);
        run.StartedAt.Should().Be(Start + Leases.WaitInterval);
    }

    [Fact]
    public async Task QueueAndRun_WhenCancelledWhileWaiting_RecordsTheRunFailedSoNoStartRunsItLater()
    {
        await using var host = new ApplicationTestHost();
        host.Leases.Hold(Lease, "other-host", Start.AddHours(1));
        using var cancel = new CancellationTokenSource();

        var waiting = host.Resolve<LeasedBatchJob>().QueueAndRunAsync("cli", cancel.Token);
        await Poll.UntilAsync(() => host.Clock.PendingTimers.Count == 1, () => "the wait for the lease");
        await cancel.CancelAsync();

        await FluentActions.Awaiting(() => waiting).Should().ThrowAsync<OperationCanceledException>();
        var run = host.Runs.History[^1];
        run.Status.Should().Be(BatchRunStatus.Failed);
        run.Error.Should().Be("cancelled before it started");
        host.Sink.Flushes.Should().Be(0);
    }

    [Theory]
    [InlineData(BatchRunStatus.Succeeded)]
    [InlineData(BatchRunStatus.Failed)]
    public async Task Run_WhenTheRunIsNoLongerQueued_LeavesItAsItIs(BatchRunStatus status)
    {
        await using var host = new ApplicationTestHost();
        var queued = await host.Runs.CreateAsync("api", Start, host.Timeout);
        // Another host found it queued (at its start) and ran it first.
        var elsewhere = queued with { Status = status, StartedAt = Start };
        await host.Runs.UpdateAsync(elsewhere, host.Timeout);

        var run = await host.Resolve<LeasedBatchJob>().RunAsync(queued.Id, host.Timeout);

        host.Sink.Flushes.Should().Be(0);
        run.Should().Be(elsewhere);
    }

    [Fact]
    public async Task Run_UnderTheLease_MarksRunsLeftRunningByADeadProcessFailed()
    {
        await using var host = new ApplicationTestHost();
        var orphan = await host.Runs.CreateAsync("api", Start, host.Timeout);
        await host.Runs.UpdateAsync(orphan with { Status = BatchRunStatus.Running, StartedAt = Start }, host.Timeout);

        var run = await host.Resolve<LeasedBatchJob>().QueueAndRunAsync("cli", host.Timeout);

        run.Status.Should().Be(BatchRunStatus.Succeeded);
        Latest(host, orphan.Id).Status.Should().Be(BatchRunStatus.Failed);
        Latest(host, orphan.Id).Error.Should().StartWith(AbandonedRuns.ErrorPrefix);
    }

    [Fact]
    public async Task Run_TakesTheLeaseForBatchJobLeaseDuration()
    {
        await using var host = new ApplicationTestHost(new Dictionary<string, string?> { ["BatchJob:LeaseDuration"] = "00:00:12" });
        var hold = new TaskCompletionSource();
        host.Sink.HoldFlush = hold.Task;

        var running = host.Resolve<LeasedBatchJob>().QueueAndRunAsync("cli", host.Timeout);
        await Poll.UntilAsync(() => host.Sink.Flushes == 1, () => "the run to be in progress");

        host.Leases.Find(Lease)!.ExpiresAt.Should().Be(Start.AddSeconds(12));
        await Poll.UntilAsync(() => host.Clock.PendingTimers.Contains(Start.AddSeconds(4)), () => "a renewal a third of the lease later");
        hold.SetResult();
        (await running).Status.Should().Be(BatchRunStatus.Succeeded);
    }

    [Fact]
    public async Task Run_LastingThreeTimesItsLease_KeepsItSoARunQueuedMeanwhileWaits()
    {
        await using var host = new ApplicationTestHost(new Dictionary<string, string?> { ["BatchJob:LeaseDuration"] = "00:00:30" });
        var hold = new TaskCompletionSource();
        host.Sink.HoldFlush = hold.Task;
        var first = host.Resolve<LeasedBatchJob>().QueueAndRunAsync("schedule", host.Timeout);
        await Poll.UntilAsync(() => host.Sink.Flushes == 1, () => "the first run to be in progress");

        // Another caller (its own owner, as another host) asks every WaitInterval while the first renews every 10 s.
        var second = host.Resolve<LeasedBatchJob>().QueueAndRunAsync("api", host.Timeout);
        while (host.Clock.Now < Start.AddSeconds(90))
        {
            await Poll.UntilAsync(() => host.Clock.PendingTimers.Count == 2, () => $"the renewal and the wait at {host.Clock.Now:u}");
            host.Clock.Advance(Leases.WaitInterval);
        }

        await Poll.UntilAsync(() => host.Clock.PendingTimers.Count == 2, () => "the renewal and the wait after 90 s");
        host.Sink.Flushes.Should().Be(1, "the second run has not started");
        host.Runs.History.Last(r => r.Trigger == "api").Status.Should().Be(BatchRunStatus.Queued);
        host.Leases.Find(Lease)!.ExpiresAt.Should().BeAfter(host.Clock.Now);
        hold.SetResult();
        (await first).Status.Should().Be(BatchRunStatus.Succeeded);

        await Poll.UntilAsync(() => host.Clock.PendingTimers.Count == 1, () => "the second run's wait");
        host.Clock.Advance(Leases.WaitInterval);
        (await second).Status.Should().Be(BatchRunStatus.Succeeded);
    }

    [Fact]
    public async Task Run_WhenAnotherHostTakesTheLeaseOver_StopsAndRecordsWhy()
    {
        await using var host = new ApplicationTestHost();
        host.Sink.HoldFlush = new TaskCompletionSource().Task; // the run stays in progress
        var running = host.Resolve<LeasedBatchJob>().QueueAndRunAsync("cli", host.Timeout);
        await Poll.UntilAsync(
            () => host.Sink.Flushes == 1 && host.Clock.PendingTimers.Contains(Start + RenewEvery), () => "the run to be in progress");

        // This host stalled past the expiry; another took the lease.
        host.Leases.Hold(Lease, "new-holder", Start.AddHours(1));
        host.Clock.Advance(RenewEvery);

        var run = await running;
        run.Status.Should().Be(BatchRunStatus.Failed);
        run.Error.Should().Contain("lost the batch-job lease");
        host.Leases.Find(Lease)!.Owner.Should().Be("new-holder");
    }
}
