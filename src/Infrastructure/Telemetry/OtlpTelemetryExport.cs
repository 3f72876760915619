using System.Reflection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Pinterest.Modular.Application.Common;

namespace Pinterest.Modular.Infrastructure.Telemetry;

/// <summary>
/// Sends the pipeline's metrics and traces to an OTLP collector when <c>Telemetry:OtlpEndpoint</c> is set. Owns the
/// meter and tracer providers: a singleton of the host's container, so they are flushed and disposed with the host.
/// </summary>
public sealed class OtlpTelemetryExport : IDisposable
{
    /// <summary>Besides the pipeline's own: HTTP server requests and Kestrel connections, and the runtime (GC, threads).</summary>
    private static readonly string[] Meters =
        [PipelineMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Runtime"];

    /// <summary>Besides the pipeline's own spans: ASP.NET Core's request span, so an ingest span has its HTTP parent.</summary>
    private static readonly string[] Sources = [PipelineTracing.SourceName, "Microsoft.AspNetCore"];

    private readonly MeterProvider? _meters;
    private readonly TracerProvider? _tracer;

    public OtlpTelemetryExport(IOptions<TelemetryOptions> options, ILogger<OtlpTelemetryExport> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }

        var endpoint = new Uri(settings.OtlpEndpoint.Trim());
        var grpc = string.Equals(settings.OtlpProtocol, TelemetryOptions.Grpc, StringComparison.OrdinalIgnoreCase);
        var resource = ResourceBuilder.CreateDefault().AddService(settings.ServiceName, serviceVersion: Version());

        _meters = Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(resource)
            .AddMeter(Meters)
            .AddOtlpExporter((exporter, reader) =>
            {
                Point(exporter, endpoint, grpc, "v1/metrics");
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = settings.MetricIntervalMs;
            })
            .Build();
        _tracer = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(resource)
            .AddSource(Sources)
            .SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(settings.TraceSampleRatio)))
            .AddOtlpExporter(exporter => Point(exporter, endpoint, grpc, "v1/traces"))
            .Build();

        // Scheme, host and port only: a path or query may carry a tenant token.
        logger.LogInformation(
            "Telemetry: metrics every {IntervalMs} ms and traces ({Ratio:P0} of new traces) go to {Collector} over {Protocol} as {ServiceName}",
            settings.MetricIntervalMs,
            settings.TraceSampleRatio,
            endpoint.GetComponents(UriComponents.SchemeAndServer, UriFormat.UriEscaped),
            grpc ? TelemetryOptions.Grpc : TelemetryOptions.HttpProtobuf,
            settings.ServiceName);
    }

    /// <summary>False when <c>Telemetry:OtlpEndpoint</c> is empty.</summary>
    public bool Exporting => _meters is not null;

    /// <summary>Sends what has been collected now, rather than at the next interval; false if the collector did not take it in time.</summary>
    public bool Flush(TimeSpan timeout)
    {
        var milliseconds = (int)Math.Clamp(timeout.TotalMilliseconds, 0, int.MaxValue);
        var metrics = _meters?.ForceFlush(milliseconds) ?? true;
        var traces = _tracer?.ForceFlush(milliseconds) ?? true;
        return metrics && traces;
    }

    public void Dispose()
    {
        // Disposing a provider exports what it still holds, so the last interval's numbers are not lost at shutdown.
        _tracer?.Dispose();
        _meters?.Dispose();
    }

    /// <summary>
    /// Over OTLP/HTTP an endpoint set in code is used as it is, so the signal's path is added here; gRPC takes the
    /// collector's address alone.
    /// </summary>
    private static void Point(OtlpExporterOptions exporter, Uri endpoint, bool grpc, string signalPath)
    {
        exporter.Protocol = grpc ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;
        exporter.Endpoint = grpc ? endpoint : new Uri(endpoint.AbsoluteUri.TrimEnd('/') + "/" + signalPath);
    }

    private static string Version() =>
        Assembly.GetEntryAssembly()?.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(OtlpTelemetryExport).Assembly.GetName().Version?.ToString()
        ?? "unknown";
}
