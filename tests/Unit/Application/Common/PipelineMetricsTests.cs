using System.Diagnostics.Metrics;
using System.Text;
using MassTransit;
using Pinterest.Modular.Application.Batch;
using Pinterest.Modular.Application.Cleaning;
using Pinterest.Modular.Application.Common;
using Pinterest.Modular.Application.Ingest;
using Pinterest.Modular.Application.Landing;
using Pinterest.Modular.Application.Routing;
using Pinterest.Modular.Domain.Common;

namespace Pinterest.Modular.Tests.Unit.Application.Common;

/// <summary>
/// The pipeline meter seen through a <see cref="MeterListener"/>, as an exporter sees it: ingest, cleaning and batch
/// runs move its instruments, and the lag gauge reads the route monitor.
/// </summary>
public class PipelineMetricsTests
{
    private const string Accepted = "pipeline.records.accepted";
    private const string Rejected = "pipeline.records.rejected";
    private const string BatchDuration = "pipeline.batch.duration";
    private const string Lag = "pipeline.stream.lag";

    /// <summary>Rows keyed as their kind is: pins by <c>index</c>, geo and users by <c>ind</c>.</summary>
    private static IngestRecord[] Records(int count, string key = "index") =>
        [.. Enumerable.Range(1, count).Select(i => new IngestRecord(Encoding.UTF8.GetBytes($$"""{"{{key}}":{{i}}}""")))];

    private static RawRecord Raw(string json) => new("test/0/0", Encoding.UTF8.GetBytes(json));

    private static MetricCapture Capture(ApplicationTestHost host) => new(host.Resolve<IMeterFactory>());

    [Fact]
    public async Task Ingest_WhenTheTransportHoldsTheRecords_CountsThemPerRouteDestinationAndKind()
    {
        await using var host = new ApplicationTestHost();
        using var metrics = Capture(host);
        var sender = host.Resolve<IngestSender>();

        (await sender.SendAsync(Route.Batch, "pinterest.pin", Records(3), host.Timeout)).Status.Should().Be(IngestStatus.Accepted);
        (await sender.SendAsync(Route.Stream, "streaming-pinterest-geo", Records(2, "ind"), host.Timeout)).Status.Should().Be(IngestStatus.Accepted);
        await sender.SendAsync(Route.Batch, "pinterest.pin", Records(1), host.Timeout);

        metrics.Totals(Accepted).Should().BeEquivalentTo(new Dictionary<string, double>
        {
            ["destination=pinterest.pin,kind=pin,route=batch"] = 4,
            ["destination=streaming-pinterest-geo,kind=geo,route=stream"] = 2,
        });
    }

    [Theory]
    [InlineData(Route.Batch, "pinterest.board")]       // no such topic
    [InlineData(Route.Stream, "pinterest.pin")]        // a topic's name on the stream route
    public async Task Ingest_WhenTheDestinationIsUnknown_CountsNothing(Route route, string destination)
    {
        await using var host = new ApplicationTestHost();
        using var metrics = Capture(host);

        var result = await host.Resolve<IngestSender>().SendAsync(route, destination, Records(2), host.Timeout);

        result.Status.Should().Be(IngestStatus.DestinationNotFound);
        metrics.Of(Accepted).Should().BeEmpty();
    }

    [Fact]
    public async Task Ingest_WhenTheTransportIsUnavailable_CountsNothing()
    {
        await using var host = new ApplicationTestHost();
        host.Streams.FailWith = new Pinterest.Modular.Application.Routing.TransportUnavailableException("stream down");
        using var metrics = Capture(host);

        var result = await host.Resolve<IngestSender>().SendAsync(Route.Stream, "streaming-pinterest-pin", Records(2), host.Timeout);

        result.Status.Should().Be(IngestStatus.TransportUnavailable);
        metrics.Of(Accepted).Should().BeEmpty();
    }

    [Fact]
    public async Task Clean_WhenRecordsAreRejected_CountsThemPerKindOnceStored()
    {
        await using var host = new ApplicationTestHost();
        using var metrics = Capture(host);
        var client = host.Mediator.CreateRequestClient<CleanRecords>();

        await client.GetResponse<RecordsStored>(
            new CleanRecords(RecordKind.Pin, [Raw("""{"index":1}"""), Raw("""{"title":"no key"}"""), Raw("not json")], []), host.Timeout);
        await client.GetResponse<RecordsStored>(
            new CleanRecords(RecordKind.User, [Raw("""{"ind":7,"age":30}""")], []), host.Timeout);

        metrics.Totals(Rejected).Should().BeEquivalentTo(new Dictionary<string, double> { ["kind=pin"] = 2 });
    }

    [Fact]
    public async Task Clean_WhenStoringFails_CountsNoRejection()
    {
        await using var host = new ApplicationTestHost();
        host.Warehouse.FailPersistWith = new InvalidOperationException("warehouse down");
        using var metrics = Capture(host);

        var send = () => host.Mediator.CreateRequestClient<CleanRecords>()
            .GetResponse<RecordsStored>(new CleanRecords(RecordKind.Geo, [Raw("not json")], []), host.Timeout);

        await send.Should().ThrowAsync<RequestException>();
        metrics.Of(Rejected).Should().BeEmpty();
    }

    [Fact]
    public async Task BatchRun_WhenItSucceeds_RecordsItsDurationInSeconds()
    {
        await using var host = new ApplicationTestHost();
        using var metrics = Capture(host);
        host.Sink.OnFlush = () => host.Clock.Advance(TimeSpan.FromSeconds(42)); // the run's work takes 42 s of the clock
        host.Landing.Put(new LandingObjectKey("pinterest.pin", 0, 0).ToString(), """{"index":1}""" + "\n");

        var job = host.Resolve<BatchJob>();
        var run = await job.ExecuteAsync(await job.QueueAsync("test", host.Timeout), host.Timeout);

        run.Status.Should().Be(BatchRunStatus.Succeeded);
        var recorded = metrics.Of(BatchDuration).Should().ContainSingle().Subject;
        recorded.Value.Should().Be(42);
        recorded.Tags.Should().Equal(new Dictionary<string, string?> { ["status"] = "succeeded" });
    }

    [Fact]
    public async Task BatchRun_WhenItFails_RecordsItsDurationAsFailed()
    {
        await using var host = new ApplicationTestHost();
        using var metrics = Capture(host);
        host.Landing.Put(new LandingObjectKey("pinterest.geo", 0, 0).ToString(), """{"ind":1}""" + "\n");
        host.Warehouse.FailPersistWith = new InvalidOperationException("warehouse down");

        var job = host.Resolve<BatchJob>();
        var run = await job.ExecuteAsync(await job.QueueAsync("test", host.Timeout), host.Timeout);

        run.Status.Should().Be(BatchRunStatus.Failed);
        metrics.Of(BatchDuration).Should().ContainSingle().Which.Tags["status"].Should().Be("failed");
    }

    [Fact]
    public async Task LagGauge_WhenCollected_ReportsEachStreamsLagInSecondsAndNoTopic()
    {
        await using var host = new ApplicationTestHost();
        using var metrics = Capture(host);
        var routes = host.Resolve<RouteTable>();
        routes.TryGet(RecordKind.Pin, Route.Batch, out var topic).Should().BeTrue();
        routes.TryGet(RecordKind.Pin, Route.Stream, out var pins).Should().BeTrue();
        routes.TryGet(RecordKind.User, Route.Stream, out var users).Should().BeTrue();
        host.Routes.Progress =
        [
            new DestinationProgress(topic, Accepted: 10, Landed: 10, Processed: 4, Lag: null),
            new DestinationProgress(pins, Accepted: 10, Landed: null, Processed: 7, Lag: TimeSpan.FromSeconds(12.5)),
            new DestinationProgress(users, Accepted: 3, Landed: null, Processed: 3, Lag: TimeSpan.Zero),
        ];
        host.Resolve<PipelineMetrics>(); // the gauge exists once the metrics do; the hosts create them at start

        metrics.Collect();

        metrics.Totals(Lag).Should().BeEquivalentTo(new Dictionary<string, double>
        {
            ["destination=streaming-pinterest-pin,kind=pin,route=stream"] = 12.5,
            ["destination=streaming-pinterest-user,kind=user,route=stream"] = 0,
        });
    }

    [Fact]
    public async Task LagGauge_WhenTheMonitorFails_ReportsNothingAndDoesNotThrow()
    {
        await using var host = new ApplicationTestHost();
        using var metrics = Capture(host);
        host.Routes.FailWith = new InvalidOperationException("warehouse unavailable");
        host.Resolve<PipelineMetrics>();

        metrics.Invoking(m => m.Collect()).Should().NotThrow();

        metrics.Of(Lag).Should().BeEmpty();
    }
}
