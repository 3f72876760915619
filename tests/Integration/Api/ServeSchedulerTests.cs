using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Pinterest.Modular.Application.Scheduling;
using Pinterest.Modular.Host.Cli;

namespace Pinterest.Modular.Tests.Integration.Api;

/// <summary><c>serve</c> runs the batch job's schedule; its runs show in the jobs API like any other.</summary>
public sealed class ServeSchedulerTests
{
    private static readonly DateTimeOffset Midnight = new(2026, 11, 22, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Serve_RunsTheScheduleByDefault_WaitingForTheNextMidnightUtc()
    {
        var before = DateTimeOffset.UtcNow;
        await using var server = await ApiServer.StartAsync(new Dictionary<string, string?> { ["Scheduler:Enabled"] = null });

        var scheduler = server.Services.GetServices<IHostedService>().OfType<BatchScheduler>().Should().ContainSingle().Subject;
        var expected = new[] { before, DateTimeOffset.UtcNow }.Select(CronSchedule.Parse("@daily").NextAfter).ToHashSet();
        await Poll.UntilAsync(() => scheduler.NextAttemptAt, next => next is { } due && expected.Contains(due), "the scheduler's first wait");
    }

    [Fact]
    public void CliHost_DoesNotRunTheSchedule()
    {
        using var dataDir = new TempDir();
        using var host = PipelineHost.Build(new Dictionary<string, string?> { ["Pipeline:DataDir"] = dataDir.Path });

        host.Services.GetServices<IHostedService>().OfType<BatchScheduler>().Should().BeEmpty();
        host.Services.GetService<BatchScheduler>().Should().BeNull();
    }

    [Fact]
    public async Task ScheduledRun_IsListedByTheJobsApiWithItsTrigger()
    {
        var clock = new ManualClock(Midnight.AddSeconds(-30));
        await using var server = await ApiServer.StartAsync(
            new Dictionary<string, string?> { ["Scheduler:Enabled"] = "true", ["Scheduler:Cron"] = "@daily" },
            configureServices: services => services.AddSingleton<TimeProvider>(clock));
        var scheduler = server.Services.GetRequiredService<BatchScheduler>();
        await Poll.UntilAsync(
            () => (scheduler.NextAttemptAt, clock.PendingTimers.Contains(Midnight)),
            state => state == (Midnight, true),
            "the scheduler to wait for midnight");

        clock.AdvanceTo(Midnight);

        var runs = await server.Client.PollAsync(
            "api/jobs/batch", list => list.EnumerateArray().Any(r => r.GetProperty("status").GetString() == "succeeded"));
        var run = runs.EnumerateArray().Should().ContainSingle().Subject;
        run.GetProperty("trigger").GetString().Should().Be("schedule");
        run.GetProperty("queued_at").GetDateTime().Should().Be(Midnight.UtcDateTime);
    }
}
