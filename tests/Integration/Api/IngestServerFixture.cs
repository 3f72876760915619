namespace Pinterest.Modular.Tests.Integration.Api;

/// <summary>
/// One server shared by a class whose tests only read or are refused: nothing they send is accepted, so no test
/// sees another's records.
/// </summary>
public sealed class IngestServerFixture : IAsyncLifetime
{
    private ApiServer? _server;

    internal ApiServer Server => _server ?? throw new InvalidOperationException("The server has not started.");

    public async Task InitializeAsync() => _server = await ApiServer.StartAsync(EmulatorPayloads.Settings());

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
