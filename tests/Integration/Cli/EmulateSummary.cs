using System.Text.Json;

namespace Pinterest.Modular.Tests.Integration.Cli;

/// <summary>The one-line JSON summary <c>emulate</c> ends its stdout with, with exactly the documented fields.</summary>
public sealed record EmulateSummary(long Sent, long Acknowledged, long Failed, long Requests, double RequestsPerSecond, double P50Ms, double P99Ms)
{
    private static readonly string[] Fields = ["sent", "acknowledged", "failed", "requests", "requests_per_second", "p50_ms", "p99_ms"];

    public static EmulateSummary From(CliOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.StdoutLines.Should().NotBeEmpty("emulate prints its summary on stdout: {0}", output);
        using var json = JsonDocument.Parse(output.StdoutLines[^1]);
        var root = json.RootElement;
        root.EnumerateObject().Select(p => p.Name).Should().Equal(Fields);
        return new EmulateSummary(
            root.GetProperty("sent").GetInt64(),
            root.GetProperty("acknowledged").GetInt64(),
            root.GetProperty("failed").GetInt64(),
            root.GetProperty("requests").GetInt64(),
            root.GetProperty("requests_per_second").GetDouble(),
            root.GetProperty("p50_ms").GetDouble(),
            root.GetProperty("p99_ms").GetDouble());
    }
}
