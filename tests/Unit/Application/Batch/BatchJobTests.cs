using System.Globalization;
using Pinterest.Modular.Application.Analytics;
using Pinterest.Modular.Application.Batch;
using Pinterest.Modular.Application.Common;
using Pinterest.Modular.Application.Landing;
using Pinterest.Modular.Application.Persistence;
using Pinterest.Modular.Tests.Unit.Application.Fakes;

namespace Pinterest.Modular.Tests.Unit.Application.Batch;

/// <summary>The batch job on fakes: landing zone, sink, warehouse, run store, analytics; cleaning through the mediator.</summary>
public class BatchJobTests
{
    private static readonly DateTimeOffset Start = ManualClock.DefaultStart;

    private static ApplicationTestHost Host(int chunkRecords = 5000, params (string Key, string Value)[] settings)
    {
        var all = settings.ToDictionary(s => s.Key, s => (string?)s.Value);
        all["BatchJob:ChunkRecords"] = chunkRecords.ToString(CultureInfo.InvariantCulture);
        return new ApplicationTestHost(all);
    }

    private static string Pin(long index) => string.Create(CultureInfo.InvariantCulture, $$"""{"index":{{index}},"category":"art"}""");

    /// <summary>Lands an object of one JSON value per line, as the S3 sink writes it.</summary>
    private static string Land(ApplicationTestHost host, string topic, int partition, long offset, params string[] lines)
    {
        var key = new LandingObjectKey(topic, partition, offset).ToString();
        host.Landing.Put(key, string.Join('\n', lines) + "\n");
        return key;
    }

    private static async Task<BatchRun> RunAsync(ApplicationTestHost host)
    {
        var job = host.Resolve<BatchJob>();
        var run = await job.QueueAsync("test", host.Timeout);
        return await job.ExecuteAsync(run, host.Timeout);
    }

    private static IEnumerable<long> PinInds(PersistCall call) => call.Batch.Pins.Select(p => p.Ind);

    [Fact]
    public async Task Execute_ReadsOnlyObjectsWhoseKeyAndETagAreNotMarked()
    {
        await using var host = Host();
        var done = Land(host, "pinterest.pin", 0, 0, Pin(1));
        var changed = Land(host, "pinterest.pin", 0, 1, Pin(2));
        var fresh = Land(host, "pinterest.pin", 0, 2, Pin(3));
        host.Warehouse.Mark(BatchJob.LandingScope, done, host.Landing.ETagOf(done));
        host.Warehouse.Mark(BatchJob.LandingScope, changed, "etag-from-before-a-rewrite");

        var run = await RunAsync(host);

        host.Landing.Reads.Should().Equal(changed, fresh);
        run.ObjectsRead.Should().Be(2);
        host.Warehouse.Calls.Should().ContainSingle().Which.Marks.Should().Equal(
            new ProgressMark(BatchJob.LandingScope, changed, host.Landing.ETagOf(changed)),
            new ProgressMark(BatchJob.LandingScope, fresh, host.Landing.ETagOf(fresh)));
    }

    [Fact]
    public async Task Execute_WhenRunAgain_ReadsNothingTwice()
    {
        await using var host = Host();
        Land(host, "pinterest.pin", 0, 0, Pin(1), Pin(2));
        await RunAsync(host);

        var second = await RunAsync(host);

        host.Landing.Reads.Should().ContainSingle();
        second.Status.Should().Be(BatchRunStatus.Succeeded);
        second.ObjectsRead.Should().Be(0);
        second.RowsUpserted.Should().Be(0);
    }

    [Fact]
    public async Task Execute_SplitsRecordsIntoChunksOfChunkRecords()
    {
        await using var host = Host(chunkRecords: 2);
        var key = Land(host, "pinterest.pin", 0, 0, Pin(1), Pin(2), Pin(3), Pin(4), Pin(5));

        var run = await RunAsync(host);

        host.Warehouse.Calls.Select(c => PinInds(c).ToArray()).Should().BeEquivalentTo(
            new[] { new long[] { 1, 2 }, [3, 4], [5] }, o => o.WithStrictOrdering());
        host.Warehouse.Calls.Select(c => c.Marks.Count).Should().Equal(0, 0, 1);
        host.Warehouse.Calls[^1].Marks.Single().Key.Should().Be(key);
        run.RowsUpserted.Should().Be(5);
    }

    [Fact]
    public async Task Execute_PutsEachObjectsMarkInTheChunkHoldingItsLastLine()
    {
        await using var host = Host(chunkRecords: 2);
        var first = Land(host, "pinterest.pin", 0, 0, Pin(1), Pin(2), Pin(3));
        var second = Land(host, "pinterest.pin", 0, 3, Pin(4));
        var third = Land(host, "pinterest.pin", 0, 4, Pin(5), Pin(6));

        await RunAsync(host);

        var calls = host.Warehouse.Calls;
        calls.Select(c => (PinInds(c).ToArray(), c.Marks.Select(m => m.Key).ToArray())).Should().BeEquivalentTo(
            new[]
            {
                (new long[] { 1, 2 }, Array.Empty<string>()),
                ([3, 4], [first, second]),
                ([5, 6], [third]),
            },
            o => o.WithStrictOrdering());
    }

    [Fact]
    public async Task Execute_NeverMarksAnObjectBeforeAllItsLinesArePersisted()
    {
        await using var host = Host(chunkRecords: 3);
        var keys = Enumerable.Range(0, 6)
            .Select(o => Land(host, "pinterest.pin", 0, o * 10, [.. Enumerable.Range(o * 10, (o % 4) + 1).Select(i => Pin(i))]))
            .ToArray();

        await RunAsync(host);

        var persisted = new HashSet<long>();
        foreach (var call in host.Warehouse.Calls)
        {
            persisted.UnionWith(PinInds(call));
            foreach (var mark in call.Marks)
            {
                LandingObjectKey.TryParse(mark.Key, out var key).Should().BeTrue();
                var lines = (int)(key.StartOffset / 10 % 4) + 1;
                persisted.Should().Contain(Enumerable.Range((int)key.StartOffset, lines).Select(i => (long)i), "{0} is marked", mark.Key);
            }
        }

        host.Warehouse.Calls.SelectMany(c => c.Marks).Select(m => m.Key).Should().Equal(keys);
    }

    [Fact]
    public async Task Execute_GivesEachLineTheSourceTopicPartitionOffset_SkippingBlankLines()
    {
        await using var host = Host();
        var key = new LandingObjectKey("pinterest.user", 1, 40).ToString();
        host.Landing.Put(key, "{\"age\":1}\r\n\r\n   \n{\"age\":2}\n{\"age\":3}\n\n");

        var run = await RunAsync(host);

        host.Warehouse.Calls.Single().Batch.Rejected.Select(r => (r.Source, r.RawJson)).Should().Equal(
            ("pinterest.user/1/40", "{\"age\":1}"),
            ("pinterest.user/1/41", "{\"age\":2}"),
            ("pinterest.user/1/42", "{\"age\":3}"));
        run.Rejected.Should().Be(3);
    }

    [Fact]
    public async Task Execute_WhenAnObjectKeyIsNotASinkKey_UsesTheKeyAndLineNumberAsSource()
    {
        await using var host = Host();
        host.Landing.Put("topics/pinterest.geo/manual-upload.json", "{\"country\":\"Chad\"}\n");

        await RunAsync(host);

        host.Warehouse.Calls.Single().Batch.Rejected.Single().Source.Should().Be("topics/pinterest.geo/manual-upload.json#1");
    }

    [Fact]
    public async Task Execute_FlushesTheSinkBeforeLookingForObjects()
    {
        await using var host = Host();
        host.Sink.OnFlush = () => Land(host, "pinterest.pin", 0, 0, Pin(7));

        var run = await RunAsync(host);

        host.Sink.Flushes.Should().Be(1);
        run.ObjectsRead.Should().Be(1);
        host.Warehouse.Calls.Single().Batch.Pins.Single().Ind.Should().Be(7);
    }

    [Fact]
    public async Task Execute_CleansEachTopicsObjectsAsItsKind_AndIgnoresOtherTopics()
    {
        await using var host = Host();
        Land(host, "pinterest.pin", 0, 0, Pin(1));
        Land(host, "pinterest.geo", 0, 0, """{"ind":1,"latitude":1,"longitude":2}""");
        Land(host, "pinterest.user", 0, 0, """{"ind":1,"first_name":"Ann"}""");
        var foreign = Land(host, "otherprefix.pin", 0, 0, Pin(2));
        var stream = new LandingObjectKey("streaming-pinterest-pin", 0, 0).ToString();
        host.Landing.Put(stream, Pin(3));

        var run = await RunAsync(host);

        var calls = host.Warehouse.Calls;
        calls.Should().HaveCount(3);
        calls.SelectMany(c => c.Batch.Pins).Select(p => p.Ind).Should().Equal(1);
        calls.SelectMany(c => c.Batch.Geos).Select(g => g.Ind).Should().Equal(1);
        calls.SelectMany(c => c.Batch.Users).Select(u => u.UserName).Should().Equal("Ann");
        host.Landing.Reads.Should().NotContain([foreign, stream]);
        run.ObjectsRead.Should().Be(3);
    }

    [Fact]
    public async Task Execute_WhenTheBatchRouteIsClosedForAKind_LeavesItsObjectsAlone()
    {
        await using var host = Host(settings: ("Pipeline:Routes:geo", "Stream"));
        Land(host, "pinterest.pin", 0, 0, Pin(1));
        var geo = Land(host, "pinterest.geo", 0, 0, """{"ind":1}""");

        await RunAsync(host);

        host.Landing.Reads.Should().NotContain(geo);
    }

    [Fact]
    public async Task Execute_RunsTheNineAnalyticsInOrderAndSavesThemWithTheRunId()
    {
        await using var host = Host();

        var run = await RunAsync(host);

        host.Analytics.Ran.Should().Equal(AnalyticsQuery.All);
        var (runId, results) = host.Results.Saved.Should().ContainSingle().Subject;
        runId.Should().Be(run.Id);
        results.Select(r => r.Name).Should().Equal(AnalyticsQuery.All);
    }

    [Fact]
    public async Task Execute_WhenTheWarehouseDidNotChangeSinceTheLastRun_SavesTheSameResultsWithoutRecomputing()
    {
        await using var host = Host();
        Land(host, "pinterest.pin", 0, 0, Pin(1));
        var first = await RunAsync(host);

        var second = await RunAsync(host);

        host.Analytics.Ran.Should().Equal(AnalyticsQuery.All);
        host.Results.Saved.Select(saved => saved.RunId).Should().Equal(first.Id, second.Id);
        host.Results.Saved[1].Results.Should().BeSameAs(host.Results.Saved[0].Results);
    }

    [Fact]
    public async Task Execute_AfterNewRowsArrived_RecomputesWhateverTheRefreshInterval()
    {
        await using var host = Host(settings: ("Analytics:RefreshSeconds", "3600"));
        await RunAsync(host);
        Land(host, "pinterest.pin", 0, 0, Pin(1));

        await RunAsync(host);

        host.Analytics.Ran.Should().HaveCount(2 * AnalyticsQuery.All.Count);
        (await host.Resolve<ServedAnalytics>().GetCurrentAsync(host.Timeout)).WarehouseVersion.Should().Be(host.Warehouse.Version);
    }

    [Fact]
    public async Task RunBatchJob_ThroughTheMediator_MovesTheRunFromQueuedToSucceededWithCounts()
    {
        await using var host = Host();
        Land(host, "pinterest.pin", 0, 0, Pin(1), Pin(2), "{\"title\":\"no key\"}");
        Land(host, "pinterest.user", 0, 0, """{"ind":1}""");
        host.Sink.OnFlush = () => host.Clock.Advance(TimeSpan.FromMinutes(3));

        var response = await host.Mediator.CreateRequestClient<RunBatchJob>()
            .GetResponse<BatchJobCompleted>(new RunBatchJob("schedule"), host.Timeout);

        var history = host.Runs.History;
        history.Select(r => r.Status).Should().Equal(BatchRunStatus.Queued, BatchRunStatus.Running, BatchRunStatus.Succeeded);
        history.Select(r => r.Id).Distinct().Should().ContainSingle();
        history[0].Should().Be(new BatchRun(history[0].Id, "schedule", BatchRunStatus.Queued, Start, null, null, 0, 0, 0, null));
        history[1].StartedAt.Should().Be(Start);
        var finished = history[2];
        finished.Should().Be(history[0] with
        {
            Status = BatchRunStatus.Succeeded,
            StartedAt = Start,
            FinishedAt = Start.AddMinutes(3),
            ObjectsRead = 2,
            RowsUpserted = 3,
            Rejected = 1,
            Host = host.Resolve<HostIdentity>().Name,
        });
        response.Message.Run.Should().Be(finished);
    }

    [Fact]
    public async Task Execute_WhenTheWarehouseFails_EndsFailedWithItsMessageAndKeepsNoResults()
    {
        await using var host = Host();
        Land(host, "pinterest.pin", 0, 0, Pin(1));
        host.Warehouse.FailPersistWith = new InvalidOperationException("database is locked");

        var run = await RunAsync(host);

        run.Status.Should().Be(BatchRunStatus.Failed);
        run.Error.Should().Contain("database is locked");
        run.FinishedAt.Should().Be(Start);
        host.Runs.History[^1].Should().Be(run);
        host.Results.Saved.Should().BeEmpty();
    }

    [Fact]
    public async Task RunBatchJob_WhenTheJobFails_AnswersWithTheFailedRun()
    {
        await using var host = Host();
        Land(host, "pinterest.pin", 0, 0, Pin(1));
        host.Warehouse.FailPersistWith = new InvalidOperationException("disk full");

        var response = await host.Mediator.CreateRequestClient<RunBatchJob>()
            .GetResponse<BatchJobCompleted>(new RunBatchJob("manual"), host.Timeout);

        response.Message.Run.Status.Should().Be(BatchRunStatus.Failed);
        response.Message.Run.Error.Should().Contain("disk full");
        host.Runs.History.Select(r => r.Status).Should().Equal(BatchRunStatus.Queued, BatchRunStatus.Running, BatchRunStatus.Failed);
    }
}
