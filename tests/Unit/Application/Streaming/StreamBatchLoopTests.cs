using System.Collections.Concurrent;
using System.Text;
using Pinterest.Modular.Application.Cleaning;
using Pinterest.Modular.Application.Persistence;
using Pinterest.Modular.Application.Routing;
using Pinterest.Modular.Application.Streaming;
using Pinterest.Modular.Domain.Common;

namespace Pinterest.Modular.Tests.Unit.Application.Streaming;

/// <summary>
/// The stream route's one loop over a scripted source, with clean and persist through the mediator into a fake
/// warehouse, on a manual clock.
/// </summary>
public sealed class StreamBatchLoopTests
{
    [Fact]
    public async Task Run_AfterAFullBatch_ReadsAgainAtOnce_AfterAShortOne_WaitsWhatTheSourceAsks()
    {
        await using var host = new ApplicationTestHost();
        var source = new ScriptedSource(Batch(1, wait: null), Batch(2, wait: TimeSpan.FromSeconds(1)), End(2));

        var run = host.Resolve<StreamBatchLoop>().RunAsync(source, host.Timeout);
        await Poll.UntilAsync(() => source.Reads == 2 && host.Clock.PendingTimers.Count == 1, () => $"two reads and the wait, saw {source.Reads}");
        await Task.Delay(100);
        source.Reads.Should().Be(2, "the second batch asked for a one-second wait, and the clock has not moved");
        host.Clock.Advance(TimeSpan.FromSeconds(1));

        (await run).Should().Be(StreamReadEnd.ShardEnd);
        source.StoredBatches.Select(b => b.Marks[0].Value).Should().Equal("1", "2", "2");
        host.Warehouse.Calls.Select(c => c.Marks[0].Value).Should().Equal("1", "2", "2");
    }

    [Fact]
    public async Task Run_WhenStoringFails_RetriesTheSameBatchAfter200ThenA400MsWait_AndMovesTheCheckpointOnlyOnceStored()
    {
        await using var host = new ApplicationTestHost();
        host.Warehouse.FailPersistWith = new InvalidOperationException("warehouse down");
        var source = new ScriptedSource(Batch(1, wait: null), End(1));

        var run = host.Resolve<StreamBatchLoop>().RunAsync(source, host.Timeout);
        await Poll.UntilAsync(() => source.StoreAttempts == 1 && host.Clock.PendingTimers.Count == 1, () => "the first attempt and its retry's wait");
        host.Clock.Advance(TimeSpan.FromMilliseconds(199));
        await Task.Delay(100);
        source.StoreAttempts.Should().Be(1, "the first retry waits 200 ms");
        host.Clock.Advance(TimeSpan.FromMilliseconds(1));
        await Poll.UntilAsync(() => source.StoreAttempts == 2 && host.Clock.PendingTimers.Count == 1, () => "the second attempt and its retry's wait");
        source.StoredBatches.Should().BeEmpty("nothing is stored while the warehouse fails");

        host.Warehouse.FailPersistWith = null;
        host.Clock.Advance(TimeSpan.FromMilliseconds(400));

        (await run).Should().Be(StreamReadEnd.ShardEnd);
        host.Warehouse.Calls.Should().HaveCount(2);
        host.Warehouse.Calls[0].Batch.Pins.Select(p => p.Ind).Should().Equal(1);
        source.Reads.Should().Be(2, "a failed store retries the batch it read, it does not read again");
    }

    [Theory]
    [InlineData(1, 200)]
    [InlineData(2, 400)]
    [InlineData(5, 3_200)]
    [InlineData(6, 5_000)]
    [InlineData(40, 5_000)]
    public void RetryDelay_DoublesFrom200Ms_AndNeverPassesFiveSeconds(int failures, int expectedMs) =>
        StreamBatchLoop.RetryDelay(failures, TimeSpan.FromMinutes(1)).Should().Be(TimeSpan.FromMilliseconds(expectedMs));

    [Fact]
    public void RetryDelay_NeverPassesTheSourcesOwnLimit() =>
        StreamBatchLoop.RetryDelay(4, TimeSpan.FromSeconds(1)).Should().Be(TimeSpan.FromSeconds(1));

    [Fact]
    public async Task Run_WhenTheSourceMayNoLongerStore_EndsWithLeaseLostAndStoresNothing()
    {
        await using var host = new ApplicationTestHost();
        var source = new ScriptedSource(Batch(1, wait: null)) { MayStore = false };

        (await host.Resolve<StreamBatchLoop>().RunAsync(source, host.Timeout)).Should().Be(StreamReadEnd.LeaseLost);

        host.Warehouse.Calls.Should().BeEmpty();
        source.StoredBatches.Should().BeEmpty();
    }

    [Fact]
    public async Task Run_WhenTheSourceMayNoLongerRead_EndsWithLeaseLostBeforeReading()
    {
        await using var host = new ApplicationTestHost();
        var source = new ScriptedSource(Batch(1, wait: null)) { MayRead = false };

        (await host.Resolve<StreamBatchLoop>().RunAsync(source, host.Timeout)).Should().Be(StreamReadEnd.LeaseLost);

        source.Reads.Should().Be(0);
    }

    [Fact]
    public async Task Run_AnUncleanableRecord_IsStoredAsARejectionWithTheBatch_NotRetried()
    {
        await using var host = new ApplicationTestHost();
        var poison = new StreamBatch([new RawRecord("s/shard/1", Encoding.UTF8.GetBytes("not json"))], [Mark(1)], EndsShard: true, null);
        var source = new ScriptedSource(poison);

        (await host.Resolve<StreamBatchLoop>().RunAsync(source, host.Timeout)).Should().Be(StreamReadEnd.ShardEnd);

        source.StoreAttempts.Should().Be(1);
        host.Warehouse.Calls.Should().ContainSingle().Which.Batch.Rejected.Should().ContainSingle().Which.Source.Should().Be("s/shard/1");
    }

    [Fact]
    public async Task Run_WhenStopped_EndsWithStopped()
    {
        await using var host = new ApplicationTestHost();
        using var stop = new CancellationTokenSource();
        var source = new ScriptedSource(); // nothing to read: waits

        var run = host.Resolve<StreamBatchLoop>().RunAsync(source, stop.Token);
        await Poll.UntilAsync(() => source.Reads == 1, () => "the read that waits");
        await stop.CancelAsync();

        (await run).Should().Be(StreamReadEnd.Stopped);
    }

    private static ProgressMark Mark(long last) => new("test", "s/shard", last.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static StreamBatch Batch(long index, TimeSpan? wait) =>
        new([new RawRecord($"s/shard/{index}", Encoding.UTF8.GetBytes($$"""{"index":{{index}}}"""))], [Mark(index)], EndsShard: false, wait);

    private static StreamBatch End(long last) => new([], [Mark(last)], EndsShard: true, null);

    /// <summary>Hands out its batches in order, then waits until cancelled; counts reads and store attempts.</summary>
    private sealed class ScriptedSource(params StreamBatch[] batches) : IStreamBatchSource
    {
        private readonly ConcurrentQueue<StreamBatch> _batches = new(batches);
        private int _reads;
        private int _storeAttempts;

        public Destination Stream { get; } = new(RecordKind.Pin, Route.Stream, "s");

        public string ShardId => "shard";

        public TimeSpan MaxRetryDelay => TimeSpan.FromMinutes(1);

        public TimeSpan? StoreTimeout => null;

        public bool MayRead { get; init; } = true;

        public bool MayStore { get; init; } = true;

        public int Reads => Volatile.Read(ref _reads);

        public int StoreAttempts => Volatile.Read(ref _storeAttempts);

        public ConcurrentQueue<StreamBatch> StoredBatches { get; } = new();

        public Task<bool> KeepReadingAsync(CancellationToken cancellationToken) => Task.FromResult(MayRead);

        public async Task<StreamBatch> ReadAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _reads);
            if (_batches.TryDequeue(out var batch))
            {
                return batch;
            }

            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        }

        public Task<bool> BeforeStoreAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _storeAttempts);
            return Task.FromResult(MayStore);
        }

        public void Stored(StreamBatch batch) => StoredBatches.Enqueue(batch);
    }
}
