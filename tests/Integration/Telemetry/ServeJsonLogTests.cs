using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Pinterest.Modular.Tests.Integration.Api;
using Pinterest.Modular.Tests.Integration.Cli;

namespace Pinterest.Modular.Tests.Integration.Telemetry;

/// <summary><c>serve</c> as a process with the JSON console formatter, at the most talkative log level.</summary>
[Collection(CliTestGroup.Name)]
public sealed class ServeJsonLogTests : IDisposable
{
    private const string UtcTimestamp = @"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z";

    private readonly TempDir _dataDir = new();

    private static async Task<HttpResponseMessage> ProduceAsync(HttpClient client, string? apiKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"topics/{EmulatorPayloads.PinTopic}")
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(EmulatorPayloads.Produce(EmulatorPayloads.Pin))),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(EmulatorPayloads.KafkaJson);
        if (apiKey is not null)
        {
            request.Headers.Add("x-api-key", apiKey);
        }

        return await client.SendAsync(request);
    }

    [Fact]
    public async Task Serve_WithTheJsonConsoleFormatter_LogsOneJsonObjectPerLineAndNeverAnApiKey()
    {
        var key = "key-" + Guid.NewGuid().ToString("N");
        var nearMiss = key[..^1] + "x";
        var environment = EmulatorPayloads.Settings()
            .Where(s => s.Value is not null)
            .ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value!);
        environment["Logging__Console__FormatterName"] = "json";
        environment["Logging__LogLevel__Default"] = "Trace";
        environment["Logging__LogLevel__Microsoft"] = "Trace";
        environment["Api__Keys__0"] = key;

        IReadOnlyList<string> lines;
        await using (var serve = ServeProcess.Start(_dataDir.Path, environment))
        {
            var listening = await serve.WaitForLineAsync(l => l.Contains("Now listening on", StringComparison.Ordinal), "its address");
            var address = JsonDocument.Parse(listening).RootElement.GetProperty("State").GetProperty("address").GetString();
            using var client = new HttpClient { BaseAddress = new Uri(address!.TrimEnd('/') + "/"), Timeout = TimeSpan.FromSeconds(30) };

            (await ProduceAsync(client, nearMiss)).StatusCode.Should().Be(System.Net.HttpStatusCode.Forbidden);
            (await ProduceAsync(client, key)).StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
            await serve.WaitForLineAsync(
                l => l.Contains("Request finished", StringComparison.Ordinal) && l.Contains("- 200 -", StringComparison.Ordinal),
                "the accepted request's log");
            lines = serve.StdoutLines;
        }

        lines.Should().NotBeEmpty();
        foreach (var line in lines)
        {
            var parse = () => JsonDocument.Parse(line).Dispose();
            parse.Should().NotThrow("every stdout line is one JSON object: {0}", line);
            using var json = JsonDocument.Parse(line);
            json.RootElement.GetProperty("Timestamp").GetString().Should().MatchRegex(UtcTimestamp, "each line says when, in UTC");
        }

        lines.Should().NotContain(l => l.Contains(key, StringComparison.Ordinal) || l.Contains(nearMiss, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Serve_WithTheDefaultConsoleFormat_StartsEachEntryWithAUtcTimestamp()
    {
        var environment = EmulatorPayloads.Settings()
            .Where(s => s.Value is not null)
            .ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value!);

        await using var serve = ServeProcess.Start(_dataDir.Path, environment);
        var listening = await serve.WaitForLineAsync(l => l.Contains("Now listening on", StringComparison.Ordinal), "its address");

        var entry = serve.StdoutLines.TakeWhile(l => l != listening).LastOrDefault(l => l.Contains("info: Microsoft.Hosting.Lifetime", StringComparison.Ordinal));
        entry.Should().MatchRegex(UtcTimestamp + " info: Microsoft.Hosting.Lifetime");
    }

    public void Dispose() => _dataDir.Dispose();
}
