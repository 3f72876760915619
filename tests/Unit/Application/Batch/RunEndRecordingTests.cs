using Pinterest.Modular.Application.Batch;
using Pinterest.Modular.Application.Landing;

namespace Pinterest.Modular.Tests.Unit.Application.Batch;

/// <summary>
/// A run that fails because the warehouse went away cannot record that at once either (the run store is in the
/// warehouse): the end is tried again until it is back, for up to <c>BatchJob:LeaseDuration</c>.
/// </summary>
public class RunEndRecordingTests
{
    private static DateTimeOffset Start => ManualClock.DefaultStart;

    private static ApplicationTestHost WarehouseAwayHost(string leaseDuration = "00:01:00")
    {
        var host = new ApplicationTestHost(new Dictionary<string, string?> { ["BatchJob:LeaseDuration"] = leaseDuration });
        host.Landing.Put(new LandingObjectKey("pinterest.pin", 0, 0).ToString(), """{"index":1,"category":"art"}""" + "\n");
        host.Warehouse.FailPersistWith = new InvalidOperationException("Failed to connect to 127.0.0.1:5432");
        return host;
    }

    private static async Task<BatchRun> ExecuteAsync(ApplicationTestHost host)
    {
        var job = host.Resolve<BatchJob>();
        return await job.ExecuteAsync(await job.QueueAsync("test", host.Timeout), host.Timeout);
    }

    /// <summary>Advances the clock past each wait between tries until the run ends.</summary>
    private static Task<T> AdvanceUntilDoneAsync<T>(ApplicationTestHost host, Task<T> running) => Poll.ThroughTimersAsync(host.Clock, running);

    [Fact]
    public async Task Execute_WhenTheWarehouseIsBackAfterTwoTries_RecordsTheFailureWithTheWarehouseError()
    {
        await using var host = WarehouseAwayHost();
        var refusals = 2;
        host.Runs.FailUpdate = run => run.Status == BatchRunStatus.Failed && refusals-- > 0 ? new InvalidOperationException("connection refused") : null;

        var run = await AdvanceUntilDoneAsync(host, ExecuteAsync(host));

        run.Status.Should().Be(BatchRunStatus.Failed);
        run.Error.Should().Contain("Failed to connect", "the run keeps the cause, not the trouble recording it");
        run.FinishedAt.Should().Be(Start, "it ended when it failed, not when that could be recorded");
        host.Runs.History[^1].Should().Be(run);
        host.Clock.Now.Should().Be(Start + TimeSpan.FromMilliseconds(500) + TimeSpan.FromSeconds(1), "it waits half a second, then twice that");
    }

    [Fact]
    public async Task Execute_WhenTheWarehouseStaysAwayLongerThanTheLease_GivesUpAndLeavesTheRunToBeFoundAbandoned()
    {
        await using var host = WarehouseAwayHost("00:00:10");
        host.Runs.FailUpdate = run => run.Status == BatchRunStatus.Failed ? new InvalidOperationException("connection refused") : null;

        var giveUp = () => AdvanceUntilDoneAsync(host, ExecuteAsync(host));

        (await giveUp.Should().ThrowAsync<InvalidOperationException>()).WithMessage("connection refused");
        host.Runs.History[^1].Status.Should().Be(BatchRunStatus.Running);
        host.Clock.Now.Should().Be(Start.AddSeconds(7.5), "it tried after 0.5, 1, 2 and 4 s more; one more wait would pass the lease's 10 s");
    }
}
