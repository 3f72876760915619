using Microsoft.Extensions.Logging.Abstractions;
using Pinterest.Modular.Application.Common;
using Pinterest.Modular.Application.Scheduling;
using Pinterest.Modular.Tests.Unit.Application.Fakes;

namespace Pinterest.Modular.Tests.Unit.Application.Scheduling;

/// <summary>Taking, waiting for, renewing and losing leases, on the store's rules and a manual clock.</summary>
public class LeasesTests
{
    private const string Name = "work";

    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(30);

    private readonly FakeLeaseStore _store = new();
    private readonly ManualClock _clock = new(ManualClock.DefaultStart);

    private Leases NewLeases() => new(_store, new HostIdentity("web-1", ManualClock.DefaultStart), _clock, NullLogger<Leases>.Instance);

    private DateTimeOffset Now => _clock.GetUtcNow();

    [Fact]
    public async Task TryAcquire_WhenFree_TakesItForTheLeaseDurationUnderAnOwnerNamingThisHost()
    {
        await using var lease = await NewLeases().TryAcquireAsync(Name, Duration, CancellationToken.None);

        lease.Should().NotBeNull();
        HostIdentity.Owns("web-1", lease!.Owner).Should().BeTrue(lease.Owner);
        _store.Find(Name).Should().Be(new LeaseState(Name, lease.Owner, Now + Duration));
    }

    [Fact]
    public async Task TryAcquire_WhileAnotherCallerInTheSameProcessHoldsIt_GetsNothing()
    {
        var leases = NewLeases();
        await using var first = await leases.TryAcquireAsync(Name, Duration, CancellationToken.None);

        await using var second = await leases.TryAcquireAsync(Name, Duration, CancellationToken.None);

        first.Should().NotBeNull();
        second.Should().BeNull("each acquisition has its own owner, so callers in one process exclude each other");
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(1, true)]
    public async Task TryAcquire_WhenAnotherHostsLeaseExpired_TakesItOver(int secondsPastExpiry, bool taken)
    {
        _store.Hold(Name, "crashed-host", Now.AddSeconds(-secondsPastExpiry));

        await using var lease = await NewLeases().TryAcquireAsync(Name, Duration, CancellationToken.None);

        (lease is not null).Should().Be(taken);
        _store.Find(Name)!.Owner.Should().Be(taken ? lease!.Owner : "crashed-host");
    }

    [Fact]
    public async Task HeldLease_IsRenewedEveryThirdOfItsDuration()
    {
        await using var lease = await NewLeases().TryAcquireAsync(Name, Duration, CancellationToken.None);
        await Poll.UntilAsync(() => _clock.PendingTimers.Count == 1, () => "the renewal timer");

        _clock.Advance(Duration / 3);

        var expected = Now + Duration;
        await Poll.UntilAsync(() => _store.Find(Name)!.ExpiresAt == expected, () => $"the expiry to move to {expected:u}");
        lease!.Lost.IsCancellationRequested.Should().BeFalse();
    }

    [Fact]
    public async Task HeldLease_HeldForThreeTimesItsDuration_StaysWithItsHolderAndKeepsOthersOut()
    {
        var leases = NewLeases();
        await using var lease = await leases.TryAcquireAsync(Name, Duration, CancellationToken.None);

        for (var renewal = 1; renewal <= 9; renewal++)
        {
            await Poll.UntilAsync(() => _clock.PendingTimers.Count == 1, () => $"renewal timer {renewal}");
            _clock.Advance(lease!.RenewEvery);
            var expected = Now + Duration;
            await Poll.UntilAsync(() => _store.Find(Name)!.ExpiresAt == expected, () => $"renewal {renewal} to move the expiry to {expected:u}");
            (await leases.TryAcquireAsync(Name, Duration, CancellationToken.None)).Should().BeNull("renewal {0} keeps it held", renewal);
        }

        Now.Should().Be(ManualClock.DefaultStart + (3 * Duration));
        lease!.Lost.IsCancellationRequested.Should().BeFalse();
    }

    [Fact]
    public async Task TryAcquire_WhenAHolderLeftItToLapse_SaysWhatItTookOver()
    {
        var lapsed = new LeaseState(Name, "crashed-host", Now.AddSeconds(-5));
        _store.Hold(Name, lapsed.Owner, lapsed.ExpiresAt);

        var takenOver = await NewLeases().TryAcquireAsync(Name, Duration, CancellationToken.None);
        var taken = takenOver!.TakenOver;
        await takenOver.DisposeAsync();
        await using var free = await NewLeases().TryAcquireAsync(Name, Duration, CancellationToken.None);

        taken.Should().Be(lapsed);
        free!.TakenOver.Should().BeNull("the previous holder gave it back");
    }

    [Fact]
    public async Task HeldLease_WhenAnotherHostTookItOver_SignalsLostAndDoesNotReleaseTheirs()
    {
        var lease = await NewLeases().TryAcquireAsync(Name, Duration, CancellationToken.None);
        await Poll.UntilAsync(() => _clock.PendingTimers.Count == 1, () => "the renewal timer");
        _store.Hold(Name, "usurper", Now.AddHours(1));

        _clock.Advance(lease!.RenewEvery);

        await Poll.UntilAsync(() => lease!.Lost.IsCancellationRequested, () => "the lease to be lost");
        await lease!.DisposeAsync();
        _store.Find(Name)!.Owner.Should().Be("usurper");
    }

    [Fact]
    public async Task HeldLease_WhenDisposed_ReleasesItAndStopsRenewing()
    {
        var lease = await NewLeases().TryAcquireAsync(Name, Duration, CancellationToken.None);

        await lease!.DisposeAsync();

        _store.Find(Name).Should().BeNull();
        _clock.PendingTimers.Should().BeEmpty();
    }

    [Fact]
    public async Task Acquire_WhenHeld_AsksAgainEveryWaitIntervalUntilTheHolderLetsGo()
    {
        var expiry = Now.AddSeconds(5);
        _store.Hold(Name, "busy-host", expiry);
        LeaseState? toldAbout = null;
        var told = 0;

        var acquiring = NewLeases().AcquireAsync(
            Name,
            Duration,
            holder =>
            {
                toldAbout = holder;
                told++;
            },
            CancellationToken.None);
        while (!acquiring.IsCompleted)
        {
            await Poll.UntilAsync(() => acquiring.IsCompleted || _clock.PendingTimers.Count > 0, () => "the wait timer");
            _clock.Advance(Leases.WaitInterval);
        }

        await using var lease = await acquiring;
        Now.Should().Be(ManualClock.DefaultStart + (3 * Leases.WaitInterval), "the first ask after the expiry gets it");
        toldAbout.Should().Be(new LeaseState(Name, "busy-host", expiry));
        told.Should().Be(1);
        _store.Acquisitions.Should().Be(1);
    }

    [Fact]
    public async Task Acquire_WhenCancelledWhileWaiting_Throws()
    {
        _store.Hold(Name, "busy-host", Now.AddHours(1));
        using var cancel = new CancellationTokenSource();
        var acquiring = NewLeases().AcquireAsync(Name, Duration, _ => cancel.Cancel(), cancel.Token);

        await FluentActions.Awaiting(() => acquiring).Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task TryClaim_AnOccurrence_GoesToTheFirstHostOnlyAndDoesNotBlockTheNext()
    {
        var occurrence = new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero);
        var hostA = NewLeases();
        var hostB = NewLeases();

        var a = await hostA.TryClaimAsync("schedule", occurrence, CronSchedule.Resolution, CancellationToken.None);
        var b = await hostB.TryClaimAsync("schedule", occurrence, CronSchedule.Resolution, CancellationToken.None);
        var bNext = await hostB.TryClaimAsync("schedule", occurrence + CronSchedule.Resolution, CronSchedule.Resolution, CancellationToken.None);
        var aNextAgain = await hostA.TryClaimAsync("schedule", occurrence + CronSchedule.Resolution, CronSchedule.Resolution, CancellationToken.None);

        (a, b, bNext, aNextAgain).Should().Be((true, false, true, false));
    }
}
