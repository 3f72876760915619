using System.Globalization;
using System.Text.Json;
using Pinterest.Modular.Tests.Integration.Telemetry;

namespace Pinterest.Modular.Tests.Integration.Api.Abuse;

/// <summary>
/// <c>serve</c> as a real child process over a data directory of its own, so its memory (<see cref="ResidentKilobytes"/>)
/// is the host's alone, not the test runner's; and restartable on the same data directory.
/// </summary>
internal sealed class ServedHost : IAsyncDisposable
{
    private readonly Dictionary<string, string> _environment;
    private readonly TempDir _dir;
    private ServeProcess? _serve;

    private ServedHost(TempDir dir, Dictionary<string, string> environment)
    {
        _dir = dir;
        _environment = environment;
    }

    public HttpClient Client { get; private set; } = null!;

    public string DataDir => _dir.Path;

    /// <param name="environment">Settings as environment variables (<c>Api__Keys__0</c>).</param>
    public static async Task<ServedHost> StartAsync(IReadOnlyDictionary<string, string> environment)
    {
        var all = new Dictionary<string, string>(environment)
        {
            ["Scheduler__Enabled"] = "false",
            ["Logging__Console__FormatterName"] = "json", // the address is read from the "Now listening on" line
        };
        var host = new ServedHost(new TempDir("pm-abuse-"), all);
        try
        {
            await host.RestartAsync();
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops serve (SIGKILL) if it runs, and starts it again on the same data directory.</summary>
    public async Task RestartAsync()
    {
        if (_serve is not null)
        {
            await _serve.DisposeAsync();
        }

        _serve = ServeProcess.Start(DataDir, _environment);
        var listening = await _serve.WaitForLineAsync(l => l.Contains("Now listening on", StringComparison.Ordinal), "its address");
        var address = JsonDocument.Parse(listening).RootElement.GetProperty("State").GetProperty("address").GetString()!;
        Client?.Dispose();
        Client = new HttpClient { BaseAddress = new Uri(address.TrimEnd('/') + "/"), Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>VmRSS of serve, from /proc (Linux): what it holds in RAM, managed heap and native alike.</summary>
    public long ResidentKilobytes()
    {
        var line = File.ReadLines($"/proc/{_serve!.ProcessId}/status").Single(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        if (_serve is not null)
        {
            await _serve.DisposeAsync();
        }

        _dir.Dispose();
    }
}
