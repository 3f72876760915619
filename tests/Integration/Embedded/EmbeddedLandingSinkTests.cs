using Pinterest.Modular.Infrastructure.Embedded;

namespace Pinterest.Modular.Tests.Integration.Embedded;

public sealed class EmbeddedLandingSinkTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task FlushAllAsync_LandsEveryAppendedRecordInFlushSizeObjectsAndCommitsTheOffsets()
    {
        await using var logs = EmbeddedTestHost.LogStore(_dir.Path, partitions: 2);
        var store = new RecordingObjectStore(EmbeddedTestHost.ObjectStore(_dir.Path));
        using var sink = EmbeddedTestHost.LandingSink(_dir.Path, logs, store, flushSize: 3);
        await logs.AppendToTopicAsync(EmbeddedTestHost.PinTopic, EmbeddedTestHost.Records(0, 7, partition: 0), CancellationToken.None);
        await logs.AppendToTopicAsync(EmbeddedTestHost.GeoTopic, EmbeddedTestHost.Records(100, 2, partition: 1), CancellationToken.None);

        await sink.FlushAllAsync(CancellationToken.None);

        var landed = await EmbeddedTestHost.LandedAsync(store);
        landed.Select(o => o.Key).Should().Equal(
            EmbeddedTestHost.KeyOf("t.geo", 1, 0),
            EmbeddedTestHost.KeyOf("t.pin", 0, 0),
            EmbeddedTestHost.KeyOf("t.pin", 0, 3),
            EmbeddedTestHost.KeyOf("t.pin", 0, 6));
        landed.Select(o => o.Lines.Length).Should().Equal(2, 3, 3, 1);
        landed[0].Lines.Should().Equal(Payloads.Text(100), Payloads.Text(101));
        landed.Skip(1).SelectMany(o => o.Lines).Should().Equal(Enumerable.Range(0, 7).Select(Payloads.Text));
        (await File.ReadAllTextAsync(_dir.Combine("topics", "t.pin", "partition-0.sink-offset"))).Trim().Should().Be("7");
        (await File.ReadAllTextAsync(_dir.Combine("topics", "t.geo", "partition-1.sink-offset"))).Trim().Should().Be("2");
        sink.CommittedOffset("t.pin", 1).Should().Be(0);

        await sink.FlushAllAsync(CancellationToken.None);

        store.Puts.Should().HaveCount(4, "a second drain has nothing new to land");
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 3)]
    public async Task FlushAllAsync_AfterACrashBetweenObjectAndOffset_RewritesTheSameKeyAndLandsEachRecordOnce(
        int crashAfterPuts,
        long committedBeforeCrash)
    {
        var uncommittedKey = EmbeddedTestHost.KeyOf("t.pin", 0, committedBeforeCrash);
        await using (var logs = EmbeddedTestHost.LogStore(_dir.Path))
        {
            var crashing = new RecordingObjectStore(EmbeddedTestHost.ObjectStore(_dir.Path), crashAfterPuts);
            using var sink = EmbeddedTestHost.LandingSink(_dir.Path, logs, crashing, flushSize: 3);
            await logs.AppendToTopicAsync(EmbeddedTestHost.PinTopic, EmbeddedTestHost.Records(0, 8), CancellationToken.None);

            var flush = () => sink.FlushAllAsync(CancellationToken.None);

            await flush.Should().ThrowAsync<SimulatedCrashException>();
            crashing.Puts.Should().EndWith(uncommittedKey);
            sink.CommittedOffset("t.pin", 0).Should().Be(committedBeforeCrash, "the crash came before the offset commit");
        }

        // Restart over the same data directory; one more record arrived meanwhile.
        await using var restartedLogs = EmbeddedTestHost.LogStore(_dir.Path);
        await restartedLogs.AppendToTopicAsync(EmbeddedTestHost.PinTopic, EmbeddedTestHost.Records(8, 1), CancellationToken.None);
        var store = new RecordingObjectStore(EmbeddedTestHost.ObjectStore(_dir.Path));
        using var restarted = EmbeddedTestHost.LandingSink(_dir.Path, restartedLogs, store, flushSize: 3);

        await restarted.FlushAllAsync(CancellationToken.None);

        store.Puts.Should().StartWith(uncommittedKey, "the object whose offset was not committed is written again")
            .And.OnlyHaveUniqueItems();
        var landed = await EmbeddedTestHost.LandedAsync(store);
        landed.Select(o => o.Key).Should().Equal(
            EmbeddedTestHost.KeyOf("t.pin", 0, 0),
            EmbeddedTestHost.KeyOf("t.pin", 0, 3),
            EmbeddedTestHost.KeyOf("t.pin", 0, 6));
        landed.SelectMany(o => o.Lines).Should().Equal(
            restartedLogs.GetTopicPartition("t.pin", 0).Read(0, 100).Select(e => Payloads.TextOf(e.Payload)));
        restarted.CommittedOffset("t.pin", 0).Should().Be(9);
    }

    [Fact]
    public async Task Worker_LandsRecordsAsTheyArrive_AndCommitsAnIdleObjectWhenItsIntervalPasses()
    {
        await using var logs = EmbeddedTestHost.LogStore(_dir.Path);
        var store = EmbeddedTestHost.ObjectStore(_dir.Path);
        using var sink = EmbeddedTestHost.LandingSink(_dir.Path, logs, store, flushSize: 3, rotateIntervalMs: 300);
        using var worker = new EmbeddedSinkWorker(sink);
        await worker.StartAsync(CancellationToken.None);
        try
        {
            await logs.AppendToTopicAsync(EmbeddedTestHost.PinTopic, EmbeddedTestHost.Records(0, 4), CancellationToken.None);

            await Poll.UntilAsync(() => sink.CommittedOffset("t.pin", 0) == 4, "the sink to land the records", Deadline);

            var landed = await EmbeddedTestHost.LandedAsync(store);
            landed.Select(o => o.Key).Should().Equal(EmbeddedTestHost.KeyOf("t.pin", 0, 0), EmbeddedTestHost.KeyOf("t.pin", 0, 3));
            landed.Select(o => o.Lines.Length).Should().Equal(3, 1);

            await logs.AppendToTopicAsync(EmbeddedTestHost.PinTopic, EmbeddedTestHost.Records(4, 1), CancellationToken.None);

            await Poll.UntilAsync(() => sink.CommittedOffset("t.pin", 0) == 5, "the sink to land the records", Deadline);
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None);
        }

        (await EmbeddedTestHost.LandedAsync(store)).SelectMany(o => o.Lines)
            .Should().Equal(Enumerable.Range(0, 5).Select(Payloads.Text));
    }

    [Fact]
    public async Task Worker_AfterAFailedCommit_RetriesFromTheCommittedOffsetAndRewritesTheSameKey()
    {
        await using var logs = EmbeddedTestHost.LogStore(_dir.Path);
        var store = new RecordingObjectStore(EmbeddedTestHost.ObjectStore(_dir.Path), crashAfterPuts: 1);
        using var sink = EmbeddedTestHost.LandingSink(_dir.Path, logs, store, flushSize: 2);
        using var stop = new CancellationTokenSource();
        await logs.AppendToTopicAsync(EmbeddedTestHost.PinTopic, EmbeddedTestHost.Records(0, 5), CancellationToken.None);
        var running = sink.RunAsync(stop.Token);

        await Poll.UntilAsync(() => sink.CommittedOffset("t.pin", 0) == 4, "the sink to land the records", Deadline);
        await stop.CancelAsync();
        await running.WaitAsync(Deadline);

        store.Puts.Should().Equal(
            EmbeddedTestHost.KeyOf("t.pin", 0, 0),
            EmbeddedTestHost.KeyOf("t.pin", 0, 0),
            EmbeddedTestHost.KeyOf("t.pin", 0, 2));
        (await EmbeddedTestHost.LandedAsync(store)).SelectMany(o => o.Lines)
            .Should().Equal(Enumerable.Range(0, 4).Select(Payloads.Text), "record 4 waits in an open object");
    }

    [Fact]
    public async Task FlushAllAsync_WhileTheWorkerRuns_LandsEachRecordExactlyOnceWithoutRewrites()
    {
        await using var logs = EmbeddedTestHost.LogStore(_dir.Path, partitions: 2);
        var store = new RecordingObjectStore(EmbeddedTestHost.ObjectStore(_dir.Path));
        using var sink = EmbeddedTestHost.LandingSink(_dir.Path, logs, store, flushSize: 7, rotateIntervalMs: 20);
        using var stop = new CancellationTokenSource();
        var running = sink.RunAsync(stop.Token);

        for (var batch = 0; batch < 50; batch++)
        {
            await logs.AppendToTopicAsync(EmbeddedTestHost.PinTopic, EmbeddedTestHost.Records(batch * 10, 10), CancellationToken.None);
            if (batch % 10 == 0)
            {
                await sink.FlushAllAsync(CancellationToken.None);
            }
        }

        await sink.FlushAllAsync(CancellationToken.None);
        await stop.CancelAsync();
        await running.WaitAsync(Deadline);

        store.Puts.Should().OnlyHaveUniqueItems("no object is written twice when nothing failed");
        var landed = await EmbeddedTestHost.LandedAsync(store);
        foreach (var partition in new[] { 0, 1 })
        {
            var log = logs.GetTopicPartition("t.pin", partition);
            var objects = landed.Where(o => o.Key.Contains($"/partition={partition}/", StringComparison.Ordinal)).ToList();
            objects.SelectMany(o => o.Lines).Should().Equal(log.Read(0, 1000).Select(e => Payloads.TextOf(e.Payload)));
            sink.CommittedOffset("t.pin", partition).Should().Be(log.NextOffset);
        }

        landed.SelectMany(o => o.Lines).Should().HaveCount(500).And.OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task RunAsync_WhenAnotherProcessUsesTheDataDir_FailsNamingIt()
    {
        await using var owner = EmbeddedTestHost.LogStore(_dir.Path);
        owner.GetTopicPartition(EmbeddedTestHost.PinTopic, 0);
        await using var intruder = EmbeddedTestHost.LogStore(_dir.Path);
        using var sink = EmbeddedTestHost.LandingSink(_dir.Path, intruder, EmbeddedTestHost.ObjectStore(_dir.Path), flushSize: 3);

        var run = () => sink.RunAsync(CancellationToken.None);

        (await run.Should().ThrowAsync<LogLockedException>()).WithMessage($"*'{_dir.Path}'*");
    }
}
