using Pinterest.Modular.Application.Scheduling;
using Pinterest.Modular.Infrastructure.Kinesis.Worker;
using Pinterest.Modular.Tests.Integration.Database;

namespace Pinterest.Modular.Tests.Integration.Kinesis;

/// <summary>Listing leases by name prefix, which the Kinesis workers use to count each other and see who reads what.</summary>
public sealed class KinesisLeaseStoreTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task List_OnSqlite_ReturnsTheLeasesUnderAPrefixOnly_ExpiredIncluded()
    {
        await using var warehouse = await TempWarehouse.CreateAsync();
        await ListsByPrefixAsync(warehouse.Get<ILeaseStore>());
    }

    [Fact]
    public async Task List_OnPostgres_ReturnsTheLeasesUnderAPrefixOnly_ExpiredIncluded()
    {
        await using var warehouse = await PostgresWarehouse.CreateAsync();
        await ListsByPrefixAsync(warehouse.Leases);
    }

    private static async Task ListsByPrefixAsync(ILeaseStore store)
    {
        var shard = KinesisLeaseNames.Shard("streaming-my_prefix-pin", "shardId-000000000000");
        var lookalike = KinesisLeaseNames.Shard("streaming-myXprefix-pin", "shardId-000000000000");
        await store.TryAcquireAsync(shard, "host-a", T0, T0.AddSeconds(30), CancellationToken.None);
        await store.TryAcquireAsync(lookalike, "host-b", T0.AddHours(-1), T0.AddHours(-1), CancellationToken.None);
        await store.TryAcquireAsync(KinesisLeaseNames.Worker("host-a"), "host-a", T0, T0.AddSeconds(30), CancellationToken.None);
        await store.TryAcquireAsync("batch-job", "host-a", T0, T0.AddMinutes(1), CancellationToken.None);

        var shards = await store.ListAsync(KinesisLeaseNames.ShardPrefix, CancellationToken.None);
        var workers = await store.ListAsync(KinesisLeaseNames.WorkerPrefix, CancellationToken.None);
        var oneStream = await store.ListAsync(KinesisLeaseNames.Shard("streaming-my_prefix-pin", ""), CancellationToken.None);

        shards.Should().Equal(new LeaseState(lookalike, "host-b", T0.AddHours(-1)), new LeaseState(shard, "host-a", T0.AddSeconds(30)));
        workers.Should().Equal(new LeaseState(KinesisLeaseNames.Worker("host-a"), "host-a", T0.AddSeconds(30)));
        oneStream.Select(l => l.Name).Should().Equal([shard], "'_' in a prefix is a character, not a wildcard");
    }
}
