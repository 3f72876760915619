using Pinterest.Modular.Application.Scheduling;

namespace Pinterest.Modular.Tests.Integration.Database;

/// <summary>Leases on a real SQLite warehouse: every rule is one compare-and-set in SQL.</summary>
public sealed class SqlLeaseStoreTests
{
    private const string Name = "batch-job";

    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 0, 0, 0, TimeSpan.Zero);

    private static Task<bool> TryAcquireAsync(ILeaseStore store, string owner, DateTimeOffset now, TimeSpan duration) =>
        store.TryAcquireAsync(Name, owner, now, now + duration, CancellationToken.None);

    [Fact]
    public async Task TryAcquire_WhenNoRowExists_InsertsTheHolder()
    {
        await using var warehouse = await TempWarehouse.CreateAsync();
        var store = warehouse.Get<ILeaseStore>();

        var taken = await TryAcquireAsync(store, "host-a", T0, TimeSpan.FromMinutes(1));

        taken.Should().BeTrue();
        (await store.FindAsync(Name, CancellationToken.None)).Should().Be(new LeaseState(Name, "host-a", T0.AddMinutes(1)));
        (await warehouse.ScalarColumnAsync("SELECT owner FROM leases")).Should().Equal("host-a");
    }

    [Theory]
    // Another owner's lease counts until its expiry, to the tick; at the expiry it can be taken over.
    [InlineData("host-b", 0, false)]
    [InlineData("host-b", 59_999, false)]
    [InlineData("host-b", 60_000, true)]
    [InlineData("host-b", 3_600_000, true)]
    // The holder itself can take it again (and so extend it) at any time.
    [InlineData("host-a", 0, true)]
    [InlineData("host-a", 30_000, true)]
    public async Task TryAcquire_WhenHeld_SucceedsOnlyForTheHolderOrOnceExpired(string owner, int millisecondsLater, bool expected)
    {
        await using var warehouse = await TempWarehouse.CreateAsync();
        var store = warehouse.Get<ILeaseStore>();
        await TryAcquireAsync(store, "host-a", T0, TimeSpan.FromMinutes(1));
        var now = T0.AddMilliseconds(millisecondsLater);

        var taken = await TryAcquireAsync(store, owner, now, TimeSpan.FromMinutes(1));

        taken.Should().Be(expected);
        (await store.FindAsync(Name, CancellationToken.None)).Should().Be(
            expected ? new LeaseState(Name, owner, now.AddMinutes(1)) : new LeaseState(Name, "host-a", T0.AddMinutes(1)));
    }

    [Fact]
    public async Task Renew_ByTheHolder_MovesTheExpiry_ButNotOnceAnotherHostTookItOver()
    {
        await using var warehouse = await TempWarehouse.CreateAsync();
        var store = warehouse.Get<ILeaseStore>();
        await TryAcquireAsync(store, "host-a", T0, TimeSpan.FromMinutes(1));

        var renewed = await store.RenewAsync(Name, "host-a", T0.AddMinutes(2), CancellationToken.None);
        var takenTooEarly = await TryAcquireAsync(store, "host-b", T0.AddMinutes(1), TimeSpan.FromMinutes(1));
        var takenOver = await TryAcquireAsync(store, "host-b", T0.AddMinutes(2), TimeSpan.FromMinutes(1));
        var renewedAfterTakeover = await store.RenewAsync(Name, "host-a", T0.AddMinutes(5), CancellationToken.None);

        (renewed, takenTooEarly, takenOver, renewedAfterTakeover).Should().Be((true, false, true, false));
        (await store.FindAsync(Name, CancellationToken.None))!.Owner.Should().Be("host-b");
    }

    [Fact]
    public async Task Release_ByAnotherOwner_ChangesNothing_ByTheHolder_FreesIt()
    {
        await using var warehouse = await TempWarehouse.CreateAsync();
        var store = warehouse.Get<ILeaseStore>();
        await TryAcquireAsync(store, "host-a", T0, TimeSpan.FromMinutes(1));

        await store.ReleaseAsync(Name, "host-b", CancellationToken.None);
        var afterStranger = await store.FindAsync(Name, CancellationToken.None);
        await store.ReleaseAsync(Name, "host-a", CancellationToken.None);

        afterStranger!.Owner.Should().Be("host-a");
        (await store.FindAsync(Name, CancellationToken.None)).Should().BeNull();
        (await TryAcquireAsync(store, "host-b", T0, TimeSpan.FromMinutes(1))).Should().BeTrue();
    }

    [Fact]
    public async Task TryAcquire_ByManyHostsAtOnce_HasExactlyOneWinner()
    {
        await using var warehouse = await TempWarehouse.CreateAsync();
        var store = warehouse.Get<ILeaseStore>();
        // An expired lease makes every contender's condition true: only the database's write order can pick one.
        await TryAcquireAsync(store, "crashed-host", T0.AddHours(-1), TimeSpan.FromMinutes(1));

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            Task.Run(() => TryAcquireAsync(store, $"host-{i}", T0, TimeSpan.FromMinutes(1)))));

        results.Count(taken => taken).Should().Be(1);
        var holder = await store.FindAsync(Name, CancellationToken.None);
        holder!.Owner.Should().Be($"host-{Array.IndexOf(results, true)}");
    }

    [Fact]
    public async Task Leases_AreIndependentByName()
    {
        await using var warehouse = await TempWarehouse.CreateAsync();
        var store = warehouse.Get<ILeaseStore>();
        await TryAcquireAsync(store, "host-a", T0, TimeSpan.FromMinutes(1));

        var other = await store.TryAcquireAsync("batch-job.schedule", "host-b", T0, T0.AddMinutes(1), CancellationToken.None);

        other.Should().BeTrue();
        (await warehouse.ScalarColumnAsync("SELECT name || '=' || owner FROM leases ORDER BY name")).Should().Equal("batch-job=host-a", "batch-job.schedule=host-b");
    }
}
