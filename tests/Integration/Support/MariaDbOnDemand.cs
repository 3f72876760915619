namespace Pinterest.Modular.Tests.Integration.Support;

/// <summary>
/// A <see cref="MariaDbServer"/> for a collection whose tests run on several engines: started by the first test that
/// asks for it (so a run filtered to SQLite needs no Docker), removed when the collection ends.
/// </summary>
public sealed class MariaDbOnDemand : IAsyncLifetime
{
    private readonly object gate = new();
    private Task<MariaDbServer>? starting;

    public Task<MariaDbServer> GetAsync()
    {
        lock (gate)
        {
            return starting ??= StartAsync();
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (starting is { IsCompletedSuccessfully: true } started)
        {
            await (await started).DisposeAsync();
        }
    }

    private static async Task<MariaDbServer> StartAsync()
    {
        var server = new MariaDbServer();
        await server.InitializeAsync();
        return server;
    }
}
