using Pinterest.Modular.Application.Scheduling;

namespace Pinterest.Modular.Tests.Integration.Database;

/// <summary>The lease compare-and-set on a server engine: the same rules as on SQLite, one subclass per engine.</summary>
public abstract class LeaseStoreContract
{
    private const string Name = "batch-job";
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("host-b", 59_999, false)]
    [InlineData("host-b", 60_000, true)]
    [InlineData("host-a", 30_000, true)]
    public async Task TryAcquire_WhenHeld_SucceedsOnlyForTheHolderOrOnceExpired(string owner, int millisecondsLater, bool expected)
    {
        await using var warehouse = await CreateWarehouseAsync();
        var store = warehouse.Leases;
        (await store.TryAcquireAsync(Name, "host-a", T0, T0.AddMinutes(1), CancellationToken.None)).Should().BeTrue();
        var now = T0.AddMilliseconds(millisecondsLater);

        var taken = await store.TryAcquireAsync(Name, owner, now, now.AddMinutes(1), CancellationToken.None);

        taken.Should().Be(expected);
        (await store.FindAsync(Name, CancellationToken.None)).Should().Be(
            expected ? new LeaseState(Name, owner, now.AddMinutes(1)) : new LeaseState(Name, "host-a", T0.AddMinutes(1)));
    }

    [Fact]
    public async Task TryAcquire_BySixteenHostsAtOnce_HasExactlyOneWinner()
    {
        await using var warehouse = await CreateWarehouseAsync();

        var attempts = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            Task.Run(() => warehouse.Leases.TryAcquireAsync(Name, $"host-{i}", T0, T0.AddMinutes(1), CancellationToken.None))));

        attempts.Count(taken => taken).Should().Be(1);
    }

    [Fact]
    public async Task RenewAndRelease_OnlyByTheHolder()
    {
        await using var warehouse = await CreateWarehouseAsync();
        var store = warehouse.Leases;
        await store.TryAcquireAsync(Name, "host-a", T0, T0.AddMinutes(1), CancellationToken.None);

        var renewedByOther = await store.RenewAsync(Name, "host-b", T0.AddMinutes(3), CancellationToken.None);
        var renewed = await store.RenewAsync(Name, "host-a", T0.AddMinutes(2), CancellationToken.None);
        await store.ReleaseAsync(Name, "host-b", CancellationToken.None);
        var afterOthersRelease = await store.FindAsync(Name, CancellationToken.None);
        await store.ReleaseAsync(Name, "host-a", CancellationToken.None);

        (renewedByOther, renewed).Should().Be((false, true));
        afterOthersRelease.Should().Be(new LeaseState(Name, "host-a", T0.AddMinutes(2)));
        (await store.TryAcquireAsync(Name, "host-b", T0, T0.AddMinutes(1), CancellationToken.None)).Should().BeTrue("a released lease is free at once");
    }

    /// <summary>A migrated warehouse on a new database of the engine under test.</summary>
    private protected abstract Task<ServerWarehouse> CreateWarehouseAsync();
}
