using Pinterest.Modular.Application.Batch;
using Pinterest.Modular.Application.Scheduling;

namespace Pinterest.Modular.Tests.Unit.Application.Scheduling;

/// <summary>
/// The application with its <see cref="BatchScheduler"/> started on a manual clock, half an hour before midnight
/// (UTC) on 21 November 2026; ports are fakes.
/// </summary>
internal sealed class ScheduledApp : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 21, 23, 30, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Midnight = new(2026, 11, 22, 0, 0, 0, TimeSpan.Zero);

    private ScheduledApp(ApplicationTestHost host)
    {
        Host = host;
        Scheduler = host.Resolve<BatchScheduler>();
    }

    public ApplicationTestHost Host { get; }

    public BatchScheduler Scheduler { get; }

    public ManualClock Clock => Host.Clock;

    /// <summary>Each run as last saved, oldest first.</summary>
    public IReadOnlyList<BatchRun> Runs =>
        [.. Host.Runs.History.GroupBy(r => r.Id).Select(g => g.Last()).OrderBy(r => r.Id)];

    public static async Task<ScheduledApp> StartAsync(
        IReadOnlyDictionary<string, string?>? settings = null, DateTimeOffset? at = null, Action<ApplicationTestHost>? before = null)
    {
        var host = new ApplicationTestHost(settings, scheduler: true);
        host.Clock.AdvanceTo(at ?? Start);
        before?.Invoke(host);
        var app = new ScheduledApp(host);
        await app.Scheduler.StartAsync(host.Timeout);
        return app;
    }

    /// <summary>
    /// Until the scheduler is asleep until <paramref name="due"/>: its next attempt is then, and its timer is set (at
    /// <paramref name="due"/>, or earlier where it cuts a long wait into pieces).
    /// </summary>
    public Task WaitingForAsync(DateTimeOffset due) =>
        Poll.UntilAsync(
            () => Scheduler.NextAttemptAt == due && Clock.PendingTimers.Any(t => t <= due),
            () => $"the scheduler to wait for {due:u}; it waits for {Scheduler.NextAttemptAt:u}, timers at " +
                  $"[{string.Join(", ", Clock.PendingTimers.Select(t => t.ToString("u", System.Globalization.CultureInfo.InvariantCulture)))}], " +
                  $"runs: {string.Join("; ", Runs)}");

    public async ValueTask DisposeAsync()
    {
        await Scheduler.StopAsync(CancellationToken.None);
        await Host.DisposeAsync();
    }
}
