using System.Text;
using System.Text.Json;
using Pinterest.Modular.Application.Emulation;
using Spectre.Console;

namespace Pinterest.Modular.Host.Cli;

/// <summary>How a run of the posting emulator is reported: a sentence and sample errors on stderr, one JSON line for scripts.</summary>
public static class EmulationReport
{
    public static void Print(EmulationSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        CliRun.Error.MarkupLineInterpolated(
            $"Posted {summary.Events:N0} events: {summary.Sent:N0} records sent, {summary.Acknowledged:N0} acknowledged, {summary.Failed:N0} failed, in {summary.Requests:N0} requests, {summary.RequestsPerSecond:N0} requests/s (p50 {summary.P50Milliseconds:F1} ms, p99 {summary.P99Milliseconds:F1} ms).");
        foreach (var error in summary.SampleErrors)
        {
            CliRun.Error.MarkupLineInterpolated($"[yellow]failed:[/] {error}");
        }
    }

    /// <summary><c>{"sent":..,"acknowledged":..,"failed":..,"requests":..,"requests_per_second":..,"p50_ms":..,"p99_ms":..}</c> on one line.</summary>
    public static string ToJson(EmulationSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("sent", summary.Sent);
            json.WriteNumber("acknowledged", summary.Acknowledged);
            json.WriteNumber("failed", summary.Failed);
            json.WriteNumber("requests", summary.Requests);
            json.WriteNumber("requests_per_second", Math.Round(summary.RequestsPerSecond, 1));
            json.WriteNumber("p50_ms", Math.Round(summary.P50Milliseconds, 2));
            json.WriteNumber("p99_ms", Math.Round(summary.P99Milliseconds, 2));
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
