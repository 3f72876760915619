using System.Diagnostics;
using System.Text;
using Pinterest.Modular.Application.Batch;
using Pinterest.Modular.Application.Common;
using Pinterest.Modular.Application.Ingest;
using Pinterest.Modular.Application.Routing;

namespace Pinterest.Modular.Tests.Unit.Application.Common;

/// <summary>
/// The pipeline's spans through an <see cref="ActivityListener"/>. Each test starts its own parent span and keeps
/// only the spans of that trace, so tests in parallel do not see each other's.
/// </summary>
public sealed class PipelineTracingTests : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly List<Activity> _stopped = [];
    private readonly Lock _gate = new();

    public PipelineTracingTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == PipelineTracing.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                lock (_gate)
                {
                    _stopped.Add(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>The test's own trace: started in the test method, so it is the current span of everything the test awaits.</summary>
    private static Activity StartTrace() => new Activity("test").SetIdFormat(ActivityIdFormat.W3C).Start();

    private IReadOnlyList<Activity> Stopped(Activity trace, string name)
    {
        lock (_gate)
        {
            return [.. _stopped.Where(a => a.TraceId == trace.TraceId && a.OperationName == name)];
        }
    }

    [Fact]
    public async Task Ingest_StartsOneSpanPerRequestWithRouteDestinationCountAndOutcome()
    {
        using var trace = StartTrace();
        await using var host = new ApplicationTestHost();
        IngestRecord[] records = [new(Encoding.UTF8.GetBytes("""{"index":1}""")), new(Encoding.UTF8.GetBytes("""{"index":2}"""))];

        await host.Resolve<IngestSender>().SendAsync(Route.Stream, "streaming-pinterest-pin", records, host.Timeout);

        var span = Stopped(trace, "ingest").Should().ContainSingle().Subject;
        span.ParentSpanId.Should().Be(trace.SpanId);
        span.GetTagItem("pipeline.route").Should().Be("stream");
        span.GetTagItem("pipeline.destination").Should().Be("streaming-pinterest-pin");
        span.GetTagItem("pipeline.records").Should().Be(2);
        span.GetTagItem("pipeline.ingest.status").Should().Be(nameof(IngestStatus.Accepted));
        span.Status.Should().Be(ActivityStatusCode.Unset);
    }

    [Fact]
    public async Task Ingest_WhenTheTransportIsUnavailable_MarksTheSpanAsAnError()
    {
        using var trace = StartTrace();
        await using var host = new ApplicationTestHost();
        host.Topics.FailWith = new TransportUnavailableException("broker down");

        await host.Resolve<IngestSender>().SendAsync(
            Route.Batch, "pinterest.geo", [new IngestRecord(Encoding.UTF8.GetBytes("""{"ind":1}"""))], host.Timeout);

        var span = Stopped(trace, "ingest").Should().ContainSingle().Subject;
        span.Status.Should().Be(ActivityStatusCode.Error);
        span.GetTagItem("pipeline.ingest.status").Should().Be(nameof(IngestStatus.TransportUnavailable));
    }

    [Fact]
    public async Task BatchRun_StartsOneSpanWithTheRunsIdStatusAndCounts()
    {
        using var trace = StartTrace();
        await using var host = new ApplicationTestHost();
        var job = host.Resolve<BatchJob>();

        var run = await job.ExecuteAsync(await job.QueueAsync("test", host.Timeout), host.Timeout);

        var span = Stopped(trace, "batch run").Should().ContainSingle().Subject;
        span.GetTagItem("pipeline.batch.run_id").Should().Be(run.Id);
        span.GetTagItem("pipeline.batch.trigger").Should().Be("test");
        span.GetTagItem("pipeline.batch.status").Should().Be("succeeded");
        span.GetTagItem("pipeline.batch.objects_read").Should().Be(0);
    }

    public void Dispose() => _listener.Dispose();
}
