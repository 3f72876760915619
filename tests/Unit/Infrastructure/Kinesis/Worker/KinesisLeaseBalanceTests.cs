using Pinterest.Modular.Infrastructure.Kinesis.Worker;
using Pinterest.Modular.Tests.Unit.Infrastructure.Kinesis.Fakes;

namespace Pinterest.Modular.Tests.Unit.Infrastructure.Kinesis.Worker;

/// <summary>Several stream workers on one set of leases and one manual clock: fair shares and hand-overs.</summary>
public sealed class KinesisLeaseBalanceTests
{
    private const string Stream = KinesisWorkerHarness.Stream;

    private static string Shard(int index) => FakeKinesisClient.ShardName(index);

    [Fact]
    public async Task TwoWorkers_ShareFourShards_AndStoreEachRecordOnce_ThenTheSurvivorTakesAll()
    {
        await using var harness = new KinesisWorkerHarness(shards: 4);
        var a = await harness.StartWorkerAsync("a");
        await harness.RunUntilAsync(() => a.HeldShards.Count == 4, "a alone to hold all four shards");

        var b = await harness.StartWorkerAsync("b");
        await harness.RunUntilAsync(() => a.HeldShards.Count == 2 && b.HeldShards.Count == 2, "a and b to hold two shards each");
        a.HeldShards.Should().NotIntersectWith(b.HeldShards);
        for (var i = 0; i < 20; i++)
        {
            harness.PutPin(Shard(i % 4), i);
        }

        await harness.RunUntilAsync(() => harness.StoredPins.Count >= 20, "twenty pins stored");
        harness.StoredPins.Should().BeEquivalentTo(Enumerable.Range(0, 20).Select(i => (long)i), "each record is stored once");

        await harness.StopWorkerAsync(b);
        await harness.RunUntilAsync(() => a.HeldShards.Count == 4, "a to take b's shards back");
        for (var i = 20; i < 24; i++)
        {
            harness.PutPin(Shard(i % 4), i);
        }

        await harness.RunUntilAsync(() => harness.StoredPins.Count >= 24, "the last pins stored by a");
        harness.StoredPins.Should().BeEquivalentTo(Enumerable.Range(0, 24).Select(i => (long)i));
    }

    [Fact]
    public async Task Worker_TakesALostHostsShard_OnlyOnceItsLeaseExpires()
    {
        await using var harness = new KinesisWorkerHarness(shards: 2);
        // A host that died a moment ago: its worker lease and its shard lease run for 30 s more.
        var expiry = harness.Clock.Now.AddSeconds(30);
        harness.Host.Leases.Hold(KinesisLeaseNames.Worker("dead"), "dead", expiry);
        harness.Host.Leases.Hold(KinesisLeaseNames.Shard(Stream, Shard(0)), "dead", expiry);
        harness.PutPin(Shard(0), 1);
        harness.PutPin(Shard(1), 2);

        var survivor = await harness.StartWorkerAsync("survivor");
        await harness.RunUntilAsync(() => harness.StoredPins.Count == 1, "the free shard's pin stored");
        survivor.HeldShards.Should().Equal(KinesisLeaseNames.Shard(Stream, Shard(1)));
        survivor.LiveWorkers.Should().Be(2, "the dead host counts until its lease expires");

        await harness.RunUntilAsync(() => harness.StoredPins.Count == 2, "the lost host's pin stored");
        harness.Clock.Now.Should().BeOnOrAfter(expiry);
        survivor.HeldShards.Should().HaveCount(2);
        harness.StoredPins.Should().Equal(2, 1);
        await harness.RunUntilAsync(() => harness.Host.Leases.Find(KinesisLeaseNames.Worker("dead")) is null, "the dead host's presence removed");
        survivor.LiveWorkers.Should().Be(1);
    }

    [Fact]
    public async Task ThreeWorkers_OnFourShards_NoneHoldsMoreThanTwo()
    {
        await using var harness = new KinesisWorkerHarness(shards: 4);
        var workers = new[] { await harness.StartWorkerAsync("a"), await harness.StartWorkerAsync("b"), await harness.StartWorkerAsync("c") };

        await harness.RunUntilAsync(
            () => workers.Sum(w => w.HeldShards.Count) == 4 && workers.All(w => w.HeldShards.Count <= 2),
            "the four shards spread with at most two per worker");

        workers.SelectMany(w => w.HeldShards).Should().OnlyHaveUniqueItems();
    }
}
