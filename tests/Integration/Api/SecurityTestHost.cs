using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pinterest.Modular.Host.Api;

namespace Pinterest.Modular.Tests.Integration.Api;

/// <summary>
/// The real host of <c>serve</c> where <see cref="ApiServer"/> is not enough: any listen address (to see the exposure
/// warning), every log line from the start captured, and extra endpoints mapped before start.
/// </summary>
public sealed class SecurityTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TempDir _dir;

    private SecurityTestHost(WebApplication app, TempDir dir, CapturedLog log)
    {
        _app = app;
        _dir = dir;
        Log = log;
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        var port = new Uri(address).Port;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(30) };
    }

    public HttpClient Client { get; }

    public CapturedLog Log { get; }

    public static async Task<SecurityTestHost> StartAsync(
        IReadOnlyDictionary<string, string?>? settings = null, string url = "http://127.0.0.1:0", Action<WebApplication>? configure = null)
    {
        var dir = new TempDir("pm-sec-");
        var log = new CapturedLog();
        var overrides = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            ["Pipeline:DataDir"] = dir.Path,
            ["Logging:LogLevel:Default"] = "Debug",
        };
        WebApplication? app = null;
        try
        {
            app = ApiHost.Build(overrides, [url]);
            app.Services.GetRequiredService<ILoggerFactory>().AddProvider(log);
            configure?.Invoke(app);
            await app.StartAsync();
            return new SecurityTestHost(app, dir, log);
        }
        catch
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }

            dir.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _dir.Dispose();
    }
}

/// <summary>Every log entry of the host, formatted, with its level and any exception.</summary>
public sealed class CapturedLog : ILoggerProvider
{
    private readonly ConcurrentQueue<(LogLevel Level, string Category, string Text)> _entries = new();

    public IReadOnlyList<(LogLevel Level, string Category, string Text)> Entries => [.. _entries];

    public string AllText => string.Join(Environment.NewLine, _entries.Select(e => $"{e.Level} {e.Category}: {e.Text}"));

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<(LogLevel, string, string)> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue((logLevel, category, formatter(state, exception) + (exception is null ? "" : Environment.NewLine + exception)));
    }
}
