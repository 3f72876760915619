using System.Diagnostics;
using System.Text.Json;
using Pinterest.Modular.Tests.Integration.Api;

namespace Pinterest.Modular.Tests.Integration.Kafka;

/// <summary>Rows, REST-proxy bodies and reading a topic back with kcat, an independent Kafka client.</summary>
internal static class KafkaRows
{
    /// <summary>The emulator's pin row with its own <c>index</c>, so each record is distinguishable.</summary>
    public static string Pin(int index) => EmulatorPayloads.Pin.Replace("\"index\": 2863", $"\"index\": {index}", StringComparison.Ordinal);

    public static string Geo(int index) => EmulatorPayloads.Geo.Replace("\"ind\": 2863", $"\"ind\": {index}", StringComparison.Ordinal);

    public static string User(int index) => EmulatorPayloads.User.Replace("\"ind\": 2863", $"\"ind\": {index}", StringComparison.Ordinal);

    /// <summary>A produce body whose records carry the given partition (or none).</summary>
    public static string Produce(IEnumerable<string> values, int? partition = null) =>
        "{\"records\": [" + string.Join(", ", values.Select(v => "{\"value\": " + v + (partition is { } p ? $", \"partition\": {p}" : "") + "}")) + "]}";

    /// <summary>POSTs the body to the topic, checks the 200, and returns "partition offset value" per record, as the API answered.</summary>
    public static async Task<List<string>> ProduceAsync(HttpClient client, string topic, IReadOnlyList<string> values, int? partition = null)
    {
        var answer = await HttpExchange.SendAsync(client, HttpMethod.Post, $"topics/{topic}", EmulatorPayloads.KafkaJson, Produce(values, partition));
        answer.Status.Should().Be(System.Net.HttpStatusCode.OK, answer.ToString());
        using var document = JsonDocument.Parse(answer.Body);
        var offsets = document.RootElement.GetProperty("offsets").EnumerateArray().ToList();
        offsets.Should().HaveCount(values.Count);
        return [.. offsets.Select((o, i) => $"{o.GetProperty("partition").GetInt32()} {o.GetProperty("offset").GetInt64()} {values[i]}")];
    }

    /// <summary><c>kcat -C -b … -t topic -o beginning -e -f '%p %o %s\n'</c>: every record of the topic, partition by partition.</summary>
    public static async Task<List<string>> KcatAsync(string bootstrapServers, string topic)
    {
        var start = new ProcessStartInfo("kcat")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "-C", "-b", bootstrapServers, "-t", topic, "-o", "beginning", "-e", "-q", "-f", "%p %o %s\n" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(deadline.Token);
        process.ExitCode.Should().Be(0, await stderr);
        return [.. (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries)];
    }

    /// <summary>"partition offset value" lines by partition, then offset: the order of the log.</summary>
    public static IEnumerable<string> InLogOrder(IEnumerable<string> lines) =>
        lines.Select(l => l.Split(' ', 3)).OrderBy(p => int.Parse(p[0], System.Globalization.CultureInfo.InvariantCulture))
            .ThenBy(p => long.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture)).Select(p => string.Join(' ', p));
}
