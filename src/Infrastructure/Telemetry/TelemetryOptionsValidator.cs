using Microsoft.Extensions.Options;

namespace Pinterest.Modular.Infrastructure.Telemetry;

/// <summary>Fails at start, naming the key, when the OTLP endpoint or protocol cannot work.</summary>
internal sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!string.Equals(options.OtlpProtocol, TelemetryOptions.HttpProtobuf, StringComparison.OrdinalIgnoreCase)
            && !string.Equals(options.OtlpProtocol, TelemetryOptions.Grpc, StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"Telemetry:OtlpProtocol '{options.OtlpProtocol}' is not supported; use {TelemetryOptions.HttpProtobuf} or {TelemetryOptions.Grpc}.");
        }

        if (options.Enabled)
        {
            if (!Uri.TryCreate(options.OtlpEndpoint.Trim(), UriKind.Absolute, out var endpoint)
                || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
            {
                failures.Add("Telemetry:OtlpEndpoint must be an absolute http:// or https:// address such as http://localhost:4318, or empty to turn telemetry off.");
            }
            else if (endpoint.UserInfo.Length > 0)
            {
                // The endpoint is logged at start and sits in plain settings files: credentials belong elsewhere.
                failures.Add("Telemetry:OtlpEndpoint must not carry credentials; set the collector's headers in OTEL_EXPORTER_OTLP_HEADERS.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
