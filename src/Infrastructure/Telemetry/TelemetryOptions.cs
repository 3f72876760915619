using System.ComponentModel.DataAnnotations;

namespace Pinterest.Modular.Infrastructure.Telemetry;

/// <summary>Configuration section <c>Telemetry</c>: where metrics and traces go over OTLP; empty endpoint, nothing is sent.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>
    /// <c>Telemetry:OtlpEndpoint</c>: the collector's base address, e.g. <c>http://localhost:4318</c> (OTLP/HTTP; the
    /// signal paths <c>/v1/metrics</c> and <c>/v1/traces</c> are added) or <c>http://localhost:4317</c> with
    /// <see cref="OtlpProtocol"/> <c>Grpc</c>. Empty: telemetry is off.
    /// </summary>
    public string OtlpEndpoint { get; set; } = "";

    /// <summary><c>Telemetry:OtlpProtocol</c>: <c>HttpProtobuf</c> (default) or <c>Grpc</c>.</summary>
    public string OtlpProtocol { get; set; } = HttpProtobuf;

    /// <summary><c>Telemetry:ServiceName</c>: the <c>service.name</c> every metric and span carries.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Telemetry:ServiceName must not be empty.")]
    public string ServiceName { get; set; } = "pinterest-modular";

    /// <summary><c>Telemetry:MetricIntervalMs</c>: how often metrics are exported.</summary>
    [Range(100, 3_600_000, ErrorMessage = "Telemetry:MetricIntervalMs must be between 100 and 3600000.")]
    public int MetricIntervalMs { get; set; } = 60_000;

    /// <summary><c>Telemetry:TraceSampleRatio</c>: the share of new traces recorded (a caller's sampled parent is always followed).</summary>
    [Range(0.0, 1.0, ErrorMessage = "Telemetry:TraceSampleRatio must be between 0 and 1.")]
    public double TraceSampleRatio { get; set; } = 1.0;

    public const string HttpProtobuf = "HttpProtobuf";
    public const string Grpc = "Grpc";

    public bool Enabled => !string.IsNullOrWhiteSpace(OtlpEndpoint);
}
