using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
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
/// Sends the pipeline's metrics and traces to an OTLP collector when <c>Telemetry:OtlpEndpoint</c> is set, through
/// OpenTelemetry's hosting extensions: the meter and tracer providers are singletons of the host's container, so they
/// are flushed and disposed with it.
/// </summary>
public static class TelemetryRegistration
{
    /// <summary>Besides the pipeline's own: HTTP server requests and Kestrel connections, and the runtime (GC, threads).</summary>
    private static readonly string[] Meters =
        [PipelineMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Runtime"];

    /// <summary>Besides the pipeline's own spans: ASP.NET Core's request span, so an ingest span has its HTTP parent.</summary>
    private static readonly string[] Sources = [PipelineTracing.SourceName, "Microsoft.AspNetCore"];

    /// <summary>
    /// The <c>Telemetry</c> options, checked at start, and the exporters when they are on. Settings the validator
    /// rejects register no exporter: the start-up check reports them, naming the key.
    /// </summary>
    public static IServiceCollection AddTelemetryExport(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<TelemetryOptions>, TelemetryOptionsValidator>();

        var settings = configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (!settings.Enabled || new TelemetryOptionsValidator().Validate(null, settings).Failed)
        {
            return services;
        }

        var endpoint = new Uri(settings.OtlpEndpoint.Trim());
        var grpc = IsGrpc(settings);
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(settings.ServiceName, serviceVersion: Version()))
            .WithMetrics(metrics => metrics
                .AddMeter(Meters)
                .AddOtlpExporter((exporter, reader) =>
                {
                    Point(exporter, endpoint, grpc, "v1/metrics");
                    reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = settings.MetricIntervalMs;
                }))
            .WithTracing(tracing => tracing
                .AddSource(Sources)
                .SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(settings.TraceSampleRatio)))
                .AddOtlpExporter(exporter => Point(exporter, endpoint, grpc, "v1/traces")));
        return services;
    }

    /// <summary>
    /// Checks the <c>Telemetry</c> settings and builds the providers now rather than when the host starts (OpenTelemetry's
    /// hosted service would), for the verbs that use the container without starting the host.
    /// </summary>
    public static void StartExporters(IServiceProvider services)
    {
        var settings = services.GetRequiredService<IOptions<TelemetryOptions>>().Value;
        var meters = services.GetService<MeterProvider>();
        var tracer = services.GetService<TracerProvider>();
        if (meters is null || tracer is null)
        {
            return;
        }

        // Scheme, host and port only: a path or query may carry a tenant token.
        services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TelemetryRegistration)).LogInformation(
            "Telemetry: metrics every {IntervalMs} ms and traces ({Ratio:P0} of new traces) go to {Collector} over {Protocol} as {ServiceName}",
            settings.MetricIntervalMs,
            settings.TraceSampleRatio,
            new Uri(settings.OtlpEndpoint.Trim()).GetComponents(UriComponents.SchemeAndServer, UriFormat.UriEscaped),
            IsGrpc(settings) ? TelemetryOptions.Grpc : TelemetryOptions.HttpProtobuf,
            settings.ServiceName);
    }

    private static bool IsGrpc(TelemetryOptions settings) =>
        string.Equals(settings.OtlpProtocol, TelemetryOptions.Grpc, StringComparison.OrdinalIgnoreCase);

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
        ?? typeof(TelemetryRegistration).Assembly.GetName().Version?.ToString()
        ?? "unknown";
}
