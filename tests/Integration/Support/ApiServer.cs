using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Pinterest.Modular.Host.Api;

namespace Pinterest.Modular.Tests.Integration.Support;

/// <summary>
/// The real host of <c>serve</c> on a free loopback port (Kestrel, no test server), over its own data directory,
/// with a plain <see cref="HttpClient"/> pointed at it. Settings are configuration keys, as a user would set them.
/// </summary>
public sealed class ApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TempDir? _ownDir;

    private ApiServer(WebApplication app, string dataDir, TempDir? ownDir)
    {
        _app = app;
        _ownDir = ownDir;
        DataDir = dataDir;
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        BaseAddress = new Uri(address.TrimEnd('/') + "/");
        Client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public string DataDir { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>
    /// Starts a server; <paramref name="dataDir"/> null means a fresh temp directory deleted on dispose. The batch
    /// job's schedule is off unless <paramref name="settings"/> turn it on, so no test sees a run it did not ask for.
    /// </summary>
    /// <param name="configureServices">Last word on the services, e.g. a manual clock.</param>
    public static async Task<ApiServer> StartAsync(
        IReadOnlyDictionary<string, string?>? settings = null, string? dataDir = null, Action<IServiceCollection>? configureServices = null)
    {
        var ownDir = dataDir is null ? new TempDir("pm-api-") : null;
        var dir = dataDir ?? ownDir!.Path;
        var overrides = new Dictionary<string, string?> { ["Scheduler:Enabled"] = "false" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                overrides.Remove(key); // null: as configured elsewhere (appsettings, defaults)
            }
            else
            {
                overrides[key] = value;
            }
        }

        overrides["Pipeline:DataDir"] = dir;
        var app = ApiHost.Build(overrides, ["http://127.0.0.1:0"], configureServices);
        await app.StartAsync();
        return new ApiServer(app, dir, ownDir);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _ownDir?.Dispose();
    }
}
