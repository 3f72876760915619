using System.Text;
using Pinterest.Modular.Infrastructure.Kinesis;
using Pinterest.Modular.Infrastructure.Kinesis.Worker;
using Pinterest.Modular.Tests.Unit.Application;
using Pinterest.Modular.Tests.Unit.Infrastructure.Kinesis.Fakes;

namespace Pinterest.Modular.Tests.Unit.Infrastructure.Kinesis.Worker;

/// <summary>One stream worker over the fake Kinesis: reading, checkpoints, reshards, retries and rejects.</summary>
public sealed class KinesisStreamWorkerTests
{
    private const string Stream = KinesisWorkerHarness.Stream;

    private static readonly string Shard0 = FakeKinesisClient.ShardName(0);
    private static readonly string Shard1 = FakeKinesisClient.ShardName(1);
    private static readonly string Shard2 = FakeKinesisClient.ShardName(2);

    private static async Task<IReadOnlyDictionary<string, string>> MarksAsync(KinesisWorkerHarness harness, string scope) =>
        await harness.Host.Warehouse.GetMarksAsync(scope, CancellationToken.None);

    [Fact]
    public async Task Worker_ReadsEveryShard_AndCheckpointsEachAtItsLastStoredRecord()
    {
        await using var harness = new KinesisWorkerHarness(shards: 3);
        var last = new Dictionary<string, string>();
        for (var i = 1; i <= 4; i++)
        {
            last[Shard0] = harness.PutPin(Shard0, i);
        }

        last[Shard1] = harness.PutPin(Shard1, 5);
        harness.PutPin(Shard2, 6);
        last[Shard2] = harness.PutPin(Shard2, 7);

        await harness.StartWorkerAsync("a");
        await harness.RunUntilAsync(() => harness.StoredPins.Count == 7, "seven pins stored");

        harness.StoredPins.Should().BeEquivalentTo([1, 2, 3, 4, 5, 6, 7]);
        var checkpoints = await MarksAsync(harness, KinesisCheckpoints.Scope);
        checkpoints.Should().BeEquivalentTo(last.ToDictionary(l => KinesisCheckpoints.Key(Stream, l.Key), l => l.Value));
        var stored = await MarksAsync(harness, KinesisCheckpoints.StoredScope);
        stored.Should().BeEquivalentTo(new Dictionary<string, string>
        {
            [KinesisCheckpoints.Key(Stream, Shard0)] = "4",
            [KinesisCheckpoints.Key(Stream, Shard1)] = "1",
            [KinesisCheckpoints.Key(Stream, Shard2)] = "2",
        });
    }

    [Fact]
    public async Task Reader_AfterAFullBatch_ReadsAgainAtOnce_EvenWhenTheStreamSaysItIsNotBehind()
    {
        await using var harness = new KinesisWorkerHarness(shards: 1);
        harness.Kinesis.ReportsNoLag = true;
        for (var i = 1; i <= 10; i++)
        {
            harness.PutPin(Shard0, i);
        }

        // The clock never moves: any wait between the four batches (3 + 3 + 3 + 1) would hold the rest back for good.
        await harness.StartWorkerAsync("a");
        await Poll.UntilAsync(() => harness.StoredPins.Count == 10, () => $"ten pins stored without the clock moving ({harness.StoredPins.Count} are)");

        harness.StoredPins.Should().Equal(Enumerable.Range(1, 10).Select(i => (long)i));
    }

    [Fact]
    public async Task Reader_AfterAShortBatch_WaitsThePollIntervalBeforeReadingAgain()
    {
        await using var harness = new KinesisWorkerHarness(shards: 1);
        harness.Kinesis.ReportsNoLag = true;
        harness.PutPin(Shard0, 1);
        await harness.StartWorkerAsync("a");
        var pollDue = harness.Clock.Now + TimeSpan.FromSeconds(1);
        await Poll.UntilAsync(() => harness.Clock.PendingTimers.Contains(pollDue), () => "the reader waiting after its short batch");
        harness.StoredPins.Should().Equal(1);
        var calls = harness.Kinesis.GetRecordsCalls;

        harness.PutPin(Shard0, 2);
        harness.Clock.Advance(TimeSpan.FromMilliseconds(900));
        await Task.Delay(100);
        harness.Kinesis.GetRecordsCalls.Should().Be(calls, "a short batch is followed by the poll interval (1 s)");

        await harness.RunUntilAsync(() => harness.StoredPins.Count == 2, "the second pin stored");
    }

    [Fact]
    public async Task Worker_AfterARestart_ResumesExactlyAfterTheLastStoredRecord()
    {
        await using var harness = new KinesisWorkerHarness(shards: 1);
        var fifth = "";
        for (var i = 1; i <= 5; i++)
        {
            fifth = harness.PutPin(Shard0, i);
        }

        var first = await harness.StartWorkerAsync("first");
        await harness.RunUntilAsync(() => harness.StoredPins.Count == 5, "five pins stored");
        await harness.StopWorkerAsync(first);
        for (var i = 6; i <= 8; i++)
        {
            harness.PutPin(Shard0, i);
        }

        await harness.StartWorkerAsync("second");
        await harness.RunUntilAsync(() => harness.StoredPins.Count >= 8, "eight pins stored");

        harness.StoredPins.Should().Equal(1, 2, 3, 4, 5, 6, 7, 8);
        harness.Kinesis.IteratorRequests.Should().HaveCount(2);
        harness.Kinesis.IteratorRequests[1].Start.Should().Be(ShardIteratorStart.After(fifth));
    }

    [Fact]
    public async Task Worker_ReadsAChildShard_OnlyOnceItsParentIsReadToTheEnd()
    {
        await using var harness = new KinesisWorkerHarness(shards: 1);
        for (var i = 1; i <= 4; i++)
        {
            harness.PutPin(Shard0, i);
        }

        var (left, right) = harness.Kinesis.Split(Stream, Shard0);
        harness.PutPin(left, 5);
        harness.PutPin(right, 6);

        await harness.StartWorkerAsync("a");
        await harness.RunUntilAsync(() => harness.StoredPins.Count == 6, "six pins stored");

        harness.StoredPins.Take(4).Should().Equal(1, 2, 3, 4);
        harness.StoredPins.Skip(4).Should().BeEquivalentTo([5, 6]);
        var checkpoints = await MarksAsync(harness, KinesisCheckpoints.Scope);
        checkpoints[KinesisCheckpoints.Key(Stream, Shard0)].Should().Be(KinesisCheckpoints.ShardEnd);
    }

    [Fact]
    public async Task Worker_WhenGetRecordsIsThrottled_RetriesAndStoresEveryRecordOnce()
    {
        await using var harness = new KinesisWorkerHarness(shards: 1);
        for (var i = 1; i <= 5; i++)
        {
            harness.PutPin(Shard0, i);
        }

        harness.Kinesis.ThrottleGetRecords(4);
        await harness.StartWorkerAsync("a");
        await harness.RunUntilAsync(() => harness.StoredPins.Count == 5, "five pins stored");

        harness.StoredPins.Should().Equal(1, 2, 3, 4, 5);
        harness.Kinesis.GetRecordsCalls.Should().BeGreaterThanOrEqualTo(4 + 2);
    }

    [Fact]
    public async Task Worker_WhenItsIteratorExpires_ContinuesFromTheCheckpoint()
    {
        await using var harness = new KinesisWorkerHarness(shards: 1);
        var third = "";
        for (var i = 1; i <= 3; i++)
        {
            third = harness.PutPin(Shard0, i);
        }

        await harness.StartWorkerAsync("a");
        await harness.RunUntilAsync(() => harness.StoredPins.Count == 3, "three pins stored");
        harness.Kinesis.ExpireIterators();
        for (var i = 4; i <= 6; i++)
        {
            harness.PutPin(Shard0, i);
        }

        await harness.RunUntilAsync(() => harness.StoredPins.Count >= 6, "six pins stored");

        harness.StoredPins.Should().Equal(1, 2, 3, 4, 5, 6);
        harness.Kinesis.IteratorRequests[^1].Start.Should().Be(ShardIteratorStart.After(third));
    }

    [Fact]
    public async Task Reader_WhenAnotherWorkerTookItsLeaseOver_StopsWithoutStoringMore()
    {
        await using var harness = new KinesisWorkerHarness(shards: 1);
        harness.PutPin(Shard0, 1);
        var worker = await harness.StartWorkerAsync("a");
        await harness.RunUntilAsync(() => harness.StoredPins.Count == 1, "the first pin stored");

        // Worker "a" stalled past its lease; "b" took the shard over and stores it from now on.
        harness.Host.Leases.Hold(KinesisLeaseNames.Shard(Stream, Shard0), "b", harness.Clock.Now.AddHours(1));
        harness.PutPin(Shard0, 2);
        await harness.RunUntilAsync(() => worker.HeldShards.Count == 0, "the reader to stop");
        harness.Clock.Advance(TimeSpan.FromMinutes(1));
        await harness.RunUntilAsync(() => worker.Passes >= 8, "a few balance passes");

        harness.StoredPins.Should().Equal(1);
        (await MarksAsync(harness, KinesisCheckpoints.StoredScope))[KinesisCheckpoints.Key(Stream, Shard0)].Should().Be("1");
    }

    public static TheoryData<string, byte[]> Undecodable => new()
    {
        { "not JSON", Encoding.UTF8.GetBytes("hello, kinesis") },
        { "not UTF-8", [0x7B, 0x22, 0x69, 0x6E, 0x64, 0x65, 0x78, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0x22, 0x7D] },
        { "binary", [0xFF, 0xFE, 0x00, 0x01] },
        { "empty", [] },
        { "a row with no index", Encoding.UTF8.GetBytes("""{"title":"no index"}""") },
    };

    [Theory]
    [MemberData(nameof(Undecodable))]
    public async Task Worker_RejectsARecordThatCannotBeCleaned_WithItsSequenceNumber_AndMovesOn(string what, byte[] data)
    {
        await using var harness = new KinesisWorkerHarness(shards: 1);
        harness.PutPin(Shard0, 1);
        var poison = harness.Kinesis.Put(Stream, Shard0, data);
        harness.PutPin(Shard0, 2);
        harness.PutPin(Shard0, 3);

        await harness.StartWorkerAsync("a");
        await harness.RunUntilAsync(() => harness.StoredPins.Count == 3, "the pins around the " + what + " record stored");

        harness.StoredPins.Should().Equal(1, 2, 3);
        var rejected = harness.Host.Warehouse.Calls.SelectMany(c => c.Batch.Rejected).Should().ContainSingle().Subject;
        rejected.Source.Should().Be($"{Stream}/{Shard0}/{poison}");
        (await MarksAsync(harness, KinesisCheckpoints.StoredScope))[KinesisCheckpoints.Key(Stream, Shard0)].Should().Be("4");
    }

    [Fact]
    public async Task Worker_WhenTheWarehouseFails_RetriesTheSameBatchUntilItIsStored()
    {
        await using var harness = new KinesisWorkerHarness(shards: 1);
        harness.PutPin(Shard0, 1);
        harness.PutPin(Shard0, 2);
        harness.Host.Warehouse.FailPersistWith = new InvalidOperationException("warehouse down");

        await harness.StartWorkerAsync("a");
        await harness.RunUntilAsync(() => harness.Kinesis.GetRecordsCalls >= 1, "the first read");
        harness.Clock.Advance(TimeSpan.FromMinutes(2));
        await Task.Delay(50);
        harness.StoredPins.Should().BeEmpty();
        harness.Host.Warehouse.FailPersistWith = null;
        await harness.RunUntilAsync(() => harness.StoredPins.Count == 2, "both pins stored once the warehouse is back");

        harness.StoredPins.Should().Equal(1, 2);
        harness.Host.Warehouse.Calls.Should().ContainSingle("the batch read once is stored whole once, neither split nor skipped");
    }
}
