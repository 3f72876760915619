using Pinterest.Modular.Application.Scheduling;

namespace Pinterest.Modular.Tests.Integration.Database;

/// <summary>The lease compare-and-set: the same rules on every engine, one subclass per engine.</summary>
public abstract class LeaseStoreContract
{
    private const string Name = "batch-job";
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task TryAcquire_WhenNoRowExists_InsertsTheHolder()
    {
        await using var warehouse = await CreateWarehouseAsync();
        var store = warehouse.Leases;

        var taken = await TryAcquireAsync(store, "host-a", T0, TimeSpan.FromMinutes(1));

        taken.Should().BeTrue();
        (await store.FindAsync(Name, CancellationToken.None)).Should().Be(new LeaseState(Name, "host-a", T0.AddMinutes(1)));
        (await warehouse.ColumnAsync("SELECT owner FROM leases")).Should().Equal("host-a");
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
        await using var warehouse = await CreateWarehouseAsync();
        var store = warehouse.Leases;
        (await TryAcquireAsync(store, "host-a", T0, TimeSpan.FromMinutes(1))).Should().BeTrue();
        var now = T0.AddMilliseconds(millisecondsLater);

        var taken = await TryAcquireAsync(store, owner, now, TimeSpan.FromMinutes(1));

        taken.Should().Be(expected);
        (await store.FindAsync(Name, CancellationToken.None)).Should().Be(
            expected ? new LeaseState(Name, owner, now.AddMinutes(1)) : new LeaseState(Name, "host-a", T0.AddMinutes(1)));
    }

    [Fact]
    public async Task TryAcquire_BySixteenHostsAtOnce_HasExactlyOneWinner()
    {
        await using var warehouse = await CreateWarehouseAsync();

        var attempts = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            Task.Run(() => TryAcquireAsync(warehouse.Leases, $"host-{i}", T0, TimeSpan.FromMinutes(1)))));

        attempts.Count(taken => taken).Should().Be(1);
    }

    [Fact]
    public async Task TryAcquire_ByManyHostsAtOnceOfAnExpiredLease_HasExactlyOneWinner()
    {
        await using var warehouse = await CreateWarehouseAsync();
        var store = warehouse.Leases;
        // An expired lease makes every contender's condition true: only the database's write order can pick one.
        await TryAcquireAsync(store, "crashed-host", T0.AddHours(-1), TimeSpan.FromMinutes(1));

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            Task.Run(() => TryAcquireAsync(store, $"host-{i}", T0, TimeSpan.FromMinutes(1)))));

        results.Count(taken => taken).Should().Be(1);
        var holder = await store.FindAsync(Name, CancellationToken.None);
        holder!.Owner.Should().Be($"host-{Array.IndexOf(results, true)}");
    }

    [Fact]
    public async Task Renew_ByTheHolder_MovesTheExpiry_ButNotOnceAnotherHostTookItOver()
    {
        await using var warehouse = await CreateWarehouseAsync();
        var store = warehouse.Leases;
        await TryAcquireAsync(store, "host-a", T0, TimeSpan.FromMinutes(1));

        var renewed = await store.RenewAsync(Name, "host-a", T0.AddMinutes(2), CancellationToken.None);
        var takenTooEarly = await TryAcquireAsync(store, "host-b", T0.AddMinutes(1), TimeSpan.FromMinutes(1));
        var takenOver = await TryAcquireAsync(store, "host-b", T0.AddMinutes(2), TimeSpan.FromMinutes(1));
        var renewedAfterTakeover = await store.RenewAsync(Name, "host-a", T0.AddMinutes(5), CancellationToken.None);

        (renewed, takenTooEarly, takenOver, renewedAfterTakeover).Should().Be((true, false, true, false));
        (await store.FindAsync(Name, CancellationToken.None))!.Owner.Should().Be("host-b");
    }

    [Fact]
    public async Task RenewAndRelease_OnlyByTheHolder()
    {
        await using var warehouse = await CreateWarehouseAsync();
        var store = warehouse.Leases;
        await TryAcquireAsync(store, "host-a", T0, TimeSpan.FromMinutes(1));

        var renewedByOther = await store.RenewAsync(Name, "host-b", T0.AddMinutes(3), CancellationToken.None);
        var renewed = await store.RenewAsync(Name, "host-a", T0.AddMinutes(2), CancellationToken.None);
        await store.ReleaseAsync(Name, "host-b", CancellationToken.None);
        var afterOthersRelease = await store.FindAsync(Name, CancellationToken.None);
        await store.ReleaseAsync(Name, "host-a", CancellationToken.None);

        (renewedByOther, renewed).Should().Be((false, true));
        afterOthersRelease.Should().Be(new LeaseState(Name, "host-a", T0.AddMinutes(2)));
        (await store.FindAsync(Name, CancellationToken.None)).Should().BeNull();
        (await TryAcquireAsync(store, "host-b", T0, TimeSpan.FromMinutes(1))).Should().BeTrue("a released lease is free at once");
    }

    [Fact]
    public async Task Leases_AreIndependentByName()
    {
        await using var warehouse = await CreateWarehouseAsync();
        var store = warehouse.Leases;
        await TryAcquireAsync(store, "host-a", T0, TimeSpan.FromMinutes(1));

        var other = await store.TryAcquireAsync("batch-job.schedule", "host-b", T0, T0.AddMinutes(1), CancellationToken.None);

        other.Should().BeTrue();
        (await warehouse.ColumnAsync("SELECT name FROM leases ORDER BY name")).Should().Equal("batch-job", "batch-job.schedule");
        (await warehouse.ColumnAsync("SELECT owner FROM leases ORDER BY name")).Should().Equal("host-a", "host-b");
    }

    /// <summary>A migrated warehouse on a new database of the engine under test.</summary>
    private protected abstract Task<ServerWarehouse> CreateWarehouseAsync();

    private static Task<bool> TryAcquireAsync(ILeaseStore store, string owner, DateTimeOffset now, TimeSpan duration) =>
        store.TryAcquireAsync(Name, owner, now, now + duration, CancellationToken.None);
}
