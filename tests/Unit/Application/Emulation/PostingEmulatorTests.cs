using System.Text.Json;
using Pinterest.Modular.Application.Emulation;
using Pinterest.Modular.Application.Routing;
using Pinterest.Modular.Domain.Common;
using Pinterest.Modular.Tests.Unit.Application.Fakes;

namespace Pinterest.Modular.Tests.Unit.Application.Emulation;

/// <summary>The posting emulator on a fake source database and a fake posting target.</summary>
public class PostingEmulatorTests
{
    private static readonly Route[] BatchOnly = [Route.Batch];

    private static long KeyOf(byte[] row)
    {
        using var document = JsonDocument.Parse(row);
        var root = document.RootElement;
        return (root.TryGetProperty("index", out var index) ? index : root.GetProperty("ind")).GetInt64();
    }

    /// <summary>The event offsets posted to one destination, in posting order.</summary>
    private static long[] OffsetsPostedTo(FakePostingTarget target, string destination) =>
        [.. target.Posts.Where(p => p.Destination.Name == destination).SelectMany(p => p.Rows).Select(KeyOf)];

    private static async Task<(EmulationSummary Summary, FakePostingTarget Target)> RunAsync(
        EmulationPlan plan, FakeSourceDatabase? source = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        await using var host = new ApplicationTestHost(settings, source);
        var summary = await host.Resolve<PostingEmulator>().RunAsync(plan, host.Timeout);
        return (summary, host.Target);
    }

    [Fact]
    public async Task Run_InOrder_PostsOffsetsSequentiallyWrappingAtTheRowCount()
    {
        var (summary, target) = await RunAsync(new EmulationPlan(5, BatchOnly), new FakeSourceDatabase(3));

        OffsetsPostedTo(target, "pinterest.pin").Should().Equal(0, 1, 2, 0, 1);
        OffsetsPostedTo(target, "pinterest.geo").Should().Equal(0, 1, 2, 0, 1);
        OffsetsPostedTo(target, "pinterest.user").Should().Equal(0, 1, 2, 0, 1);
        summary.Should().BeEquivalentTo(new { Sent = 15L, Acknowledged = 15L, Failed = 0L, Requests = 15L });
        summary.SampleErrors.Should().BeEmpty();
    }

    [Fact]
    public async Task Run_InOrder_ReadsEachRequestsRowsAsOneRange_SplitWhereItWraps()
    {
        var source = new FakeSourceDatabase(25);

        var (_, target) = await RunAsync(new EmulationPlan(20, BatchOnly, RecordsPerRequest: 10, StartOffset: 20), source);

        source.RangeReads.Where(r => r.Kind == RecordKind.Pin).Select(r => (r.First, r.Count)).Should().Equal((20L, 5), (0L, 5), (5L, 10));
        OffsetsPostedTo(target, "pinterest.pin").Should().Equal([20, 21, 22, 23, 24, .. Enumerable.Range(0, 15).Select(i => (long)i)]);
    }

    [Fact]
    public async Task Run_ForEachEvent_PostsPinGeoAndUserOfTheSameOffset()
    {
        var (_, target) = await RunAsync(new EmulationPlan(3, BatchOnly, Random: true, Seed: 11));

        var posts = target.Posts;
        posts.Select(p => p.Destination.Kind).Should().Equal(
            RecordKind.Pin, RecordKind.Geo, RecordKind.User,
            RecordKind.Pin, RecordKind.Geo, RecordKind.User,
            RecordKind.Pin, RecordKind.Geo, RecordKind.User);
        posts.Chunk(3).Should().AllSatisfy(e => e.Select(p => KeyOf(p.Rows.Single())).Distinct().Should().ContainSingle());
    }

    [Fact]
    public async Task Run_WithRandomOffsets_IsReproducibleBySeed()
    {
        var plan = new EmulationPlan(40, BatchOnly, Random: true, Seed: 7);

        var (_, first) = await RunAsync(plan);
        var (_, again) = await RunAsync(plan);
        var (_, other) = await RunAsync(plan with { Seed = 8 });

        var offsets = OffsetsPostedTo(first, "pinterest.pin");
        offsets.Should().Equal(OffsetsPostedTo(again, "pinterest.pin"));
        offsets.Should().NotEqual(OffsetsPostedTo(other, "pinterest.pin"));
        offsets.Should().NotEqual(Enumerable.Range(0, 40).Select(i => (long)i), "random offsets are not the sequence");
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 1)]
    [InlineData(50, 49)]
    public async Task Run_WithRandomOffsets_StaysWithinTheRowsThereAre(long rows, long highest)
    {
        var (_, target) = await RunAsync(new EmulationPlan(300, BatchOnly, Random: true, Seed: 3), new FakeSourceDatabase(rows));

        var offsets = OffsetsPostedTo(target, "pinterest.pin");
        offsets.Should().HaveCount(300).And.OnlyContain(o => o >= 0 && o <= highest);
        offsets.Should().Contain([0, highest], "300 draws cover both ends of a small range");
    }

    [Fact]
    public async Task Run_WithRandomOffsets_NeverGoesBeyondTheAwsLoopsRange()
    {
        var (_, target) = await RunAsync(new EmulationPlan(2000, BatchOnly, Random: true, Seed: 5), new FakeSourceDatabase(50_000));

        var offsets = OffsetsPostedTo(target, "pinterest.geo");
        offsets.Should().OnlyContain(o => o >= 0 && o <= EmulationPlan.MaxRandomOffset);
        offsets.Max().Should().BeGreaterThan(10_000, "2000 draws from 0..11000 reach its top tenth");
    }

    [Fact]
    public async Task Run_WithRecordsPerRequest_GroupsConsecutiveEventsPerDestination()
    {
        var (summary, target) = await RunAsync(new EmulationPlan(5, BatchOnly, RecordsPerRequest: 2));

        target.Posts.Where(p => p.Destination.Name == "pinterest.user").Select(p => p.Rows.Select(KeyOf).ToArray())
            .Should().BeEquivalentTo(new[] { new long[] { 0, 1 }, [2, 3], [4] }, o => o.WithStrictOrdering());
        summary.Requests.Should().Be(9);
        summary.Sent.Should().Be(15);
    }

    [Fact]
    public async Task Run_OnBothRoutes_MakesSixPostsPerEvent()
    {
        var (summary, target) = await RunAsync(new EmulationPlan(4, [Route.Batch, Route.Stream]));

        target.Posts.Should().HaveCount(24);
        target.Posts.GroupBy(p => p.Destination.Name).Should().HaveCount(6).And.OnlyContain(g => g.Count() == 4);
        target.Posts.Select(p => p.Destination.Name).Distinct().Should().BeEquivalentTo(
            "pinterest.pin", "pinterest.geo", "pinterest.user",
            "streaming-pinterest-pin", "streaming-pinterest-geo", "streaming-pinterest-user");
        summary.Acknowledged.Should().Be(24);
    }

    [Fact]
    public async Task Run_WithConcurrency_PostsEveryEventExactlyOnce()
    {
        var (summary, target) = await RunAsync(new EmulationPlan(200, BatchOnly, Concurrency: 8, RecordsPerRequest: 3), new FakeSourceDatabase(1000));

        OffsetsPostedTo(target, "pinterest.pin").Order().Should().Equal(Enumerable.Range(0, 200).Select(i => (long)i));
        summary.Sent.Should().Be(600);
    }

    [Fact]
    public async Task Run_WhenADestinationRefuses_CountsFailuresAndKeepsSampleErrors()
    {
        await using var host = new ApplicationTestHost();
        host.Target.RefuseWith["pinterest.geo"] = "Topic pinterest.geo not found.";

        var summary = await host.Resolve<PostingEmulator>().RunAsync(new EmulationPlan(8, BatchOnly), host.Timeout);

        summary.Failed.Should().Be(8);
        summary.Acknowledged.Should().Be(16);
        summary.Sent.Should().Be(24);
        summary.SampleErrors.Should().HaveCount(5).And.OnlyContain(e => e == "pinterest.geo: Topic pinterest.geo not found.");
    }

    [Fact]
    public async Task Run_WhenAPostThrows_CountsItAsFailedWithTheExceptionMessage()
    {
        await using var host = new ApplicationTestHost();
        host.Target.ThrowWith["pinterest.user"] = "Connection refused (127.0.0.1:8082)";

        var summary = await host.Resolve<PostingEmulator>().RunAsync(new EmulationPlan(2, BatchOnly), host.Timeout);

        summary.Failed.Should().Be(2);
        summary.Acknowledged.Should().Be(4);
        summary.SampleErrors.Should().Equal(
            "pinterest.user: Connection refused (127.0.0.1:8082)", "pinterest.user: Connection refused (127.0.0.1:8082)");
    }

    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(10, 0, 10)]
    [InlineData(10, 10, 0)]
    public async Task Run_WhenASourceTableIsEmpty_FailsWithAClearError(long pins, long geos, long users)
    {
        var act = () => RunAsync(new EmulationPlan(1, BatchOnly), new FakeSourceDatabase(pins, geos, users));

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("The source database has no rows: run `seed` first.");
    }

    [Theory]
    [InlineData(0, 1, 1, null, "--events must be at least 1.")]
    [InlineData(1, 0, 1, null, "--concurrency must be 1..256.")]
    [InlineData(1, 257, 1, null, "--concurrency must be 1..256.")]
    [InlineData(1, 1, 0, null, "--records-per-request must be 1..500.")]
    [InlineData(1, 1, 501, null, "--records-per-request must be 1..500.")]
    [InlineData(1, 1, 1, 0.0, "--rate must be above 0 events per second.")]
    [InlineData(1, 1, 1, -2.0, "--rate must be above 0 events per second.")]
    public async Task Run_WhenThePlanIsInvalid_ThrowsNamingTheOption(long events, int concurrency, int perRequest, double? rate, string message)
    {
        var plan = new EmulationPlan(events, BatchOnly, Concurrency: concurrency, RecordsPerRequest: perRequest, RatePerSecond: rate);

        var act = () => RunAsync(plan);

        var thrown = (await act.Should().ThrowAsync<ArgumentException>()).Which;
        thrown.ParamName.Should().Be("plan");
        thrown.Message.Should().StartWith(message);
    }

    [Fact]
    public async Task Run_WhenNoRouteIsGiven_ThrowsBeforePosting()
    {
        var act = () => RunAsync(new EmulationPlan(1, []));

        (await act.Should().ThrowAsync<ArgumentException>()).Which.Message.Should().Contain("at least one route is needed.");
    }

    [Fact]
    public async Task Run_WhenARouteIsClosedForAKind_ThrowsNamingTheSetting()
    {
        var act = () => RunAsync(new EmulationPlan(1, [Route.Stream]), settings: new Dictionary<string, string?> { ["Pipeline:Routes:user"] = "Batch" });

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("The Stream route is closed for user records (Pipeline:Routes).");
    }

    [Fact]
    public async Task Run_ThroughTheMediatorTarget_LandsEveryRowOnItsTransport()
    {
        await using var host = new ApplicationTestHost(realPostingTarget: true);

        var summary = await host.Resolve<PostingEmulator>().RunAsync(new EmulationPlan(3, [Route.Batch, Route.Stream], RecordsPerRequest: 2), host.Timeout);

        summary.Failed.Should().Be(0);
        summary.Acknowledged.Should().Be(18);
        host.Topics.Appended("pinterest.geo").Select(r => KeyOf(r.Value.ToArray())).Should().Equal(0, 1, 2);
        host.Streams.Appended("streaming-pinterest-pin").Select(r => KeyOf(r.Value.ToArray())).Should().Equal(0, 1, 2);
    }

    [Fact]
    public async Task MediatorTarget_WhenARowIsInvalid_ReportsTheValidationErrorAsTheFailure()
    {
        await using var host = new ApplicationTestHost(realPostingTarget: true);
        var target = host.Resolve<IPostingTarget>();

        var outcome = await target.PostAsync(
            new Destination(RecordKind.Pin, Route.Batch, "pinterest.pin"), ["""{"ind":1}"""u8.ToArray()], host.Timeout);

        outcome.Should().Be(new PostOutcome(false, "records[0].value.index is missing: every pin row needs its key."));
        host.Topics.AppendCalls.Should().Be(0);
    }

    [Fact]
    public async Task MediatorTarget_WhenTheTransportIsDown_ReportsItsMessage()
    {
        await using var host = new ApplicationTestHost(realPostingTarget: true);
        host.Streams.FailWith = new TransportUnavailableException("stream closed");
        var target = host.Resolve<IPostingTarget>();

        var outcome = await target.PostAsync(
            new Destination(RecordKind.Geo, Route.Stream, "streaming-pinterest-geo"), ["""{"ind":1}"""u8.ToArray()], host.Timeout);

        outcome.Should().Be(new PostOutcome(false, "stream closed"));
    }
}
