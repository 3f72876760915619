using System.Net;
using Pinterest.Modular.Tests.Integration.Api;

namespace Pinterest.Modular.Tests.Integration.Telemetry;

/// <summary>
/// <c>serve</c> with <c>Telemetry:OtlpEndpoint</c> set sends OTLP/HTTP protobuf to a stand-in collector on loopback:
/// the pipeline's metrics on their interval, and its spans (flushed when the host is disposed).
/// </summary>
public sealed class OtlpExportTests
{
    private static string ServiceName() => "pm-otlp-" + Guid.NewGuid().ToString("N")[..12];

    private static Dictionary<string, string?> Settings(OtlpCollector collector, string service) =>
        EmulatorPayloads.Settings(
            ("Telemetry:OtlpEndpoint", collector.BaseAddress.ToString()),
            ("Telemetry:ServiceName", service),
            ("Telemetry:MetricIntervalMs", "200"));

    [Fact]
    public async Task Serve_WithAnOtlpEndpoint_PostsMetricsNamingTheServiceAndTheAcceptedCounter()
    {
        await using var collector = await OtlpCollector.StartAsync();
        var service = ServiceName();
        await using var server = await ApiServer.StartAsync(Settings(collector, service));

        var answer = await HttpExchange.SendAsync(
            server.Client, HttpMethod.Post, $"topics/{EmulatorPayloads.PinTopic}", EmulatorPayloads.KafkaJson, EmulatorPayloads.Produce(EmulatorPayloads.Pin));
        answer.Status.Should().Be(HttpStatusCode.OK);

        var export = await Poll.UntilAsync(
            () => collector.At("/v1/metrics").FirstOrDefault(e => e.Holds(service) && e.Holds("pipeline.records.accepted")),
            e => e is not null,
            "a metrics export holding the service name and the accepted counter");
        export!.ContentType.Should().Be("application/x-protobuf");
        export.Holds(EmulatorPayloads.PinTopic).Should().BeTrue("the counter is tagged with its destination");
    }

    [Fact]
    public async Task Serve_WithAnOtlpEndpoint_PostsTheIngestSpanWhenTheHostIsDisposed()
    {
        await using var collector = await OtlpCollector.StartAsync();
        var service = ServiceName();
        await using (var server = await ApiServer.StartAsync(Settings(collector, service)))
        {
            var answer = await HttpExchange.SendAsync(
                server.Client, HttpMethod.Post, $"topics/{EmulatorPayloads.GeoTopic}", EmulatorPayloads.KafkaJson, EmulatorPayloads.Produce(EmulatorPayloads.Geo));
            answer.Status.Should().Be(HttpStatusCode.OK);
        }

        collector.At("/v1/traces").Should().Contain(
            e => e.Holds(service) && e.Holds("pipeline.destination") && e.Holds(EmulatorPayloads.GeoTopic),
            "disposing the host flushes the spans it still holds");
    }
}
