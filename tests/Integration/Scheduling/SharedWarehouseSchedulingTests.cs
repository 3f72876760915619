using System.Globalization;
using Pinterest.Modular.Application.Batch;
using Pinterest.Modular.Application.Scheduling;
using Pinterest.Modular.Tests.Integration.Api;

namespace Pinterest.Modular.Tests.Integration.Scheduling;

/// <summary>
/// Two hosts with schedulers on one shared warehouse and one manual clock: each occurrence runs once, a dead host's
/// lease is waited out, a run by hand is never overlapped. One subclass per engine.
/// </summary>
public abstract class SharedWarehouseSchedulingContract : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 10, 30, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Eleven = new(2026, 11, 22, 11, 0, 0, TimeSpan.Zero);
    private static readonly Dictionary<string, string?> Hourly = new() { ["Scheduler:Cron"] = "@hourly" };

    private readonly TempDir _root = new("pm-scheduling-");
    private readonly ManualClock _clock = new(Start);

    /// <summary>The keys that point every host at the one warehouse they share.</summary>
    private protected abstract IReadOnlyDictionary<string, string?> Warehouse { get; }

    private protected string Root => _root.Path;

    private Task<SchedulingHost> StartHostAsync(string name) =>
        SchedulingHost.StartAsync(_root.Combine(name), Warehouse, _clock, Hourly);

    [Fact]
    public async Task TwoHosts_RunEachOccurrenceExactlyOnce()
    {
        await using var hostA = await StartHostAsync("a");
        await using var hostB = await StartHostAsync("b");

        for (var hour = 0; hour < 3; hour++)
        {
            await BothWaitingForAsync(hostA, hostB, Eleven.AddHours(hour));
            _clock.AdvanceTo(Eleven.AddHours(hour));
        }

        await BothWaitingForAsync(hostA, hostB, Eleven.AddHours(3));
        var runs = (await hostA.Runs.ListAsync(100, CancellationToken.None)).OrderBy(r => r.Id).ToList();
        runs.Select(r => r.QueuedAt).Should().Equal(Eleven, Eleven.AddHours(1), Eleven.AddHours(2));
        runs.Should().OnlyContain(r => r.Trigger == BatchScheduler.Trigger && r.Status == BatchRunStatus.Succeeded);
    }

    [Fact]
    public async Task Occurrence_WhenAHostDiedHoldingTheLease_IsRunOnceTheLeaseExpires()
    {
        await using var survivor = await StartHostAsync("survivor");
        // The dead host was running a run, and renewed its lease last at 10:59:30.
        var expiry = Eleven.AddSeconds(30);
        await survivor.LeaseStore.TryAcquireAsync(LeasedBatchJob.LeaseName, "dead-host/1/0", Eleven.AddMinutes(-1), expiry, CancellationToken.None);
        var orphan = await survivor.Runs.CreateAsync("api", Eleven.AddMinutes(-5), CancellationToken.None);
        await survivor.Runs.UpdateAsync(orphan with { Status = BatchRunStatus.Running, StartedAt = Eleven.AddMinutes(-5) }, CancellationToken.None);
        await BothWaitingForAsync(survivor, survivor, Eleven);

        _clock.AdvanceTo(Eleven);
        var scheduled = await AdvanceUntilAsync(
            async () => (await survivor.Runs.ListAsync(10, CancellationToken.None)).FirstOrDefault(r => r.Trigger == BatchScheduler.Trigger),
            run => run is { Status: BatchRunStatus.Succeeded });

        scheduled!.StartedAt.Should().Be(expiry, "the survivor asks every few seconds and takes the lease at its expiry");
        var dead = await survivor.Runs.FindAsync(orphan.Id, CancellationToken.None);
        dead!.Status.Should().Be(BatchRunStatus.Failed);
        dead.Error.Should().Contain("stopped");
        dead.FinishedAt.Should().Be(Eleven.AddSeconds(-30), "the dead host was last seen at its last renewal, one lease before the expiry it left");
    }

    [Fact]
    public async Task Occurrence_WhileARunByHandHoldsTheLeaseOnAnotherHost_WaitsForItSoTheyNeverOverlap()
    {
        await using var manual = await StartHostAsync("manual");
        await using var scheduled = await StartHostAsync("scheduled");
        await BothWaitingForAsync(manual, scheduled, Eleven);
        // Shortly before eleven a run by hand starts on one host: it holds the batch-job lease.
        _clock.AdvanceTo(Eleven.AddSeconds(-10));
        var byHand = await manual.Leases.TryAcquireAsync(LeasedBatchJob.LeaseName, Leases.DefaultDuration, CancellationToken.None);
        byHand.Should().NotBeNull();

        _clock.AdvanceTo(Eleven);
        var waiting = await AdvanceUntilAsync(
            async () => (await scheduled.Runs.ListAsync(10, CancellationToken.None)).SingleOrDefault(),
            run => run is { Status: BatchRunStatus.Queued },
            advance: false);
        _clock.Skip(TimeSpan.FromMinutes(1)); // the run by hand goes on for a minute more
        var letGo = _clock.Now;
        await byHand!.DisposeAsync();
        var done = await AdvanceUntilAsync(
            () => scheduled.Runs.FindAsync(waiting!.Id, CancellationToken.None),
            run => run is { Status: BatchRunStatus.Succeeded });

        done!.StartedAt.Should().BeOnOrAfter(letGo, "it started only once the run by hand let go of the lease");
        (await manual.Runs.ListAsync(10, CancellationToken.None)).Should().ContainSingle("one of the two hosts ran the occurrence");
    }

    public void Dispose()
    {
        _root.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Until each scheduler is asleep until <paramref name="due"/> (one host may be passed twice).</summary>
    private async Task BothWaitingForAsync(SchedulingHost first, SchedulingHost second, DateTimeOffset due) =>
        await Poll.UntilAsync(
            () => (First: first.Scheduler.NextAttemptAt, Second: second.Scheduler.NextAttemptAt, Timers: _clock.PendingTimers.Count(t => t == due)),
            state => state.First == due && state.Second == due && state.Timers == (first == second ? 1 : 2),
            string.Create(CultureInfo.InvariantCulture, $"both schedulers to wait for {due:u}"));

    /// <summary>
    /// Reads until the outcome shows; between reads, moves the clock on by the lease wait interval when a timer waits
    /// (<paramref name="advance"/>), so a host waiting for a lease asks again.
    /// </summary>
    private Task<T> AdvanceUntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, bool advance = true)
    {
        var missed = false;
        return Poll.UntilAsync(
            async () =>
            {
                if (missed && advance && _clock.PendingTimers.Any(t => t <= _clock.Now + Leases.WaitInterval))
                {
                    _clock.Advance(Leases.WaitInterval);
                }

                missed = true;
                return await read();
            },
            done,
            "the hosts to get there");
    }
}

/// <summary>The hosts share one SQLite warehouse file.</summary>
public sealed class SharedWarehouseSchedulingTests : SharedWarehouseSchedulingContract
{
    private protected override IReadOnlyDictionary<string, string?> Warehouse => new Dictionary<string, string?>
    {
        ["ConnectionStrings:Warehouse"] = $"Data Source={Path.Combine(Root, "shared", "warehouse.db")}",
    };
}

/// <summary>The hosts share one MariaDB database (migrated by whichever host starts first).</summary>
[Collection(MariaDbGroup.Name)]
public sealed class MySqlSharedWarehouseSchedulingTests(MariaDbServer server) : SharedWarehouseSchedulingContract, IAsyncLifetime
{
    private Database.MySqlDatabase database = null!;

    private protected override IReadOnlyDictionary<string, string?> Warehouse => new Dictionary<string, string?>
    {
        ["Database:Provider"] = "MySql",
        ["Database:Migrate"] = "true",
        ["ConnectionStrings:Warehouse"] = database.ConnectionString,
    };

    public async Task InitializeAsync() => database = await Database.MySqlDatabase.CreateAsync(server);

    public async Task DisposeAsync() => await database.DisposeAsync();
}
