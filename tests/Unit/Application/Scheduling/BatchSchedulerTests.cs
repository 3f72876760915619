using Pinterest.Modular.Application.Batch;
using Pinterest.Modular.Application.Scheduling;

namespace Pinterest.Modular.Tests.Unit.Application.Scheduling;

/// <summary>The schedule on a manual clock: runs fire when due, once; no catch-up; retries; one host per occurrence.</summary>
public class BatchSchedulerTests
{
    private static readonly DateTimeOffset Midnight = ScheduledApp.Midnight;

    private static Dictionary<string, string?> Settings(params (string Key, string Value)[] settings) =>
        settings.ToDictionary(s => $"Scheduler:{s.Key}", s => (string?)s.Value);

    [Fact]
    public async Task Occurrence_WhenDue_RunsTheJobOnceAndWaitsForTheNext()
    {
        await using var app = await ScheduledApp.StartAsync();
        await app.WaitingForAsync(Midnight);
        app.Runs.Should().BeEmpty("nothing is due before midnight");

        app.Clock.AdvanceTo(Midnight);
        await app.WaitingForAsync(Midnight.AddDays(1));

        var run = app.Runs.Should().ContainSingle().Subject;
        run.Trigger.Should().Be("schedule");
        run.Status.Should().Be(BatchRunStatus.Succeeded);
        run.QueuedAt.Should().Be(Midnight);
        app.Host.Leases.Find(BatchScheduler.ClaimName)!.ExpiresAt.Should().Be(Midnight.AddMinutes(1), "the claim covers that occurrence only");
        app.Host.Leases.Find(LeasedBatchJob.LeaseName).Should().BeNull("the run gave the lease back");
    }

    [Fact]
    public async Task Occurrences_EachRunOnceOnAnHourlySchedule()
    {
        await using var app = await ScheduledApp.StartAsync(Settings(("Cron", "@hourly")));

        for (var hour = 0; hour < 3; hour++)
        {
            await app.WaitingForAsync(Midnight.AddHours(hour));
            app.Clock.AdvanceTo(Midnight.AddHours(hour));
        }

        await app.WaitingForAsync(Midnight.AddHours(3));
        app.Runs.Select(r => r.QueuedAt).Should().Equal(Midnight, Midnight.AddHours(1), Midnight.AddHours(2));
    }

    [Fact]
    public async Task Occurrence_AfterALongGap_RunsOnceWithoutCatchingUpTheMissedOnes()
    {
        await using var app = await ScheduledApp.StartAsync();
        await app.WaitingForAsync(Midnight);

        // The machine sleeps through three midnights; its timer fires late, when it wakes.
        app.Clock.Skip(TimeSpan.FromDays(3));
        app.Clock.Advance(TimeSpan.Zero);

        await app.WaitingForAsync(Midnight.AddDays(3));
        app.Runs.Should().ContainSingle().Which.QueuedAt.Should().Be(ScheduledApp.Start.AddDays(3));
    }

    [Fact]
    public async Task Start_AfterDowntime_WaitsForTheNextOccurrenceAndRunsNoneOfTheMissedOnes()
    {
        await using var app = await ScheduledApp.StartAsync(at: ScheduledApp.Start.AddDays(5));

        await app.WaitingForAsync(Midnight.AddDays(5));

        app.Runs.Should().BeEmpty();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public async Task Occurrence_WhenEveryAttemptFails_RetriesRetryDelayApartThenWaitsForTheNextOccurrence(int retries)
    {
        await using var app = await ScheduledApp.StartAsync(
            Settings(("Retries", $"{retries}"), ("RetryDelay", "00:05:00")),
            before: host => host.Sink.OnFlush = () => throw new IOException("landing zone unreachable"));
        await app.WaitingForAsync(Midnight);
        app.Clock.AdvanceTo(Midnight);

        for (var retry = 1; retry <= retries; retry++)
        {
            var due = Midnight.AddMinutes(5 * retry);
            await app.WaitingForAsync(due);
            app.Runs.Should().HaveCount(retry, "the next attempt waits for its delay");
            app.Clock.AdvanceTo(due);
        }

        await app.WaitingForAsync(Midnight.AddDays(1));
        app.Runs.Select(r => r.Trigger).Should().Equal(
            ["schedule", .. Enumerable.Range(1, retries).Select(i => $"schedule-retry-{i}")]);
        app.Runs.Select(r => r.QueuedAt).Should().Equal(Enumerable.Range(0, retries + 1).Select(i => Midnight.AddMinutes(5 * i)));
        app.Runs.Should().OnlyContain(r => r.Status == BatchRunStatus.Failed && r.Error == "landing zone unreachable");
    }

    [Fact]
    public async Task Occurrence_WhenARetrySucceeds_StopsRetrying()
    {
        var flushes = 0;
        await using var app = await ScheduledApp.StartAsync(
            Settings(("Retries", "3")),
            before: host => host.Sink.OnFlush = () =>
            {
                if (Interlocked.Increment(ref flushes) == 1)
                {
                    throw new IOException("a passing hiccup");
                }
            });
        await app.WaitingForAsync(Midnight);
        app.Clock.AdvanceTo(Midnight);
        await app.WaitingForAsync(Midnight.AddMinutes(2));
        app.Clock.AdvanceTo(Midnight.AddMinutes(2));

        await app.WaitingForAsync(Midnight.AddDays(1));

        app.Runs.Select(r => (r.Trigger, r.Status)).Should().Equal(
            ("schedule", BatchRunStatus.Failed), ("schedule-retry-1", BatchRunStatus.Succeeded));
    }

    [Fact]
    public async Task Occurrence_WhenAnotherHostClaimedIt_IsSkippedHere()
    {
        await using var app = await ScheduledApp.StartAsync(
            before: host => host.Leases.Hold(BatchScheduler.ClaimName, "other-host", Midnight.AddMinutes(1)));
        await app.WaitingForAsync(Midnight);

        app.Clock.AdvanceTo(Midnight);

        await app.WaitingForAsync(Midnight.AddDays(1));
        app.Runs.Should().BeEmpty();
        app.Host.Leases.Find(BatchScheduler.ClaimName)!.Owner.Should().Be("other-host");
    }

    [Fact]
    public async Task Occurrence_WhenARunByHandHoldsTheLease_WaitsForItToFinishThenRuns()
    {
        await using var app = await ScheduledApp.StartAsync(
            before: host => host.Leases.Hold(LeasedBatchJob.LeaseName, "other-host", Midnight.AddHours(1)));
        await app.WaitingForAsync(Midnight);
        app.Clock.AdvanceTo(Midnight);
        await Poll.UntilAsync(
            () => app.Runs.Count == 1 && app.Clock.PendingTimers.Contains(Midnight + Leases.WaitInterval),
            () => "the scheduled run to wait for the lease");
        app.Runs.Single().Status.Should().Be(BatchRunStatus.Queued);

        app.Host.Leases.Hold(LeasedBatchJob.LeaseName, "other-host", Midnight); // that run ended: its lease lapses
        app.Clock.Advance(Leases.WaitInterval);

        await app.WaitingForAsync(Midnight.AddDays(1));
        var run = app.Runs.Should().ContainSingle().Subject;
        run.Status.Should().Be(BatchRunStatus.Succeeded);
        run.StartedAt.Should().Be(Midnight + Leases.WaitInterval);
    }

    [Fact]
    public async Task Scheduler_WhenDisabled_NeverRuns()
    {
        await using var app = await ScheduledApp.StartAsync(Settings(("Enabled", "false"), ("Cron", "not even cron")));

        await app.Scheduler.ExecuteTask!;
        app.Clock.Advance(TimeSpan.FromDays(2));

        app.Scheduler.NextAttemptAt.Should().BeNull();
        app.Runs.Should().BeEmpty();
    }
}
