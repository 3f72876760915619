using System.Text.Json;
using Pinterest.Modular.Application.Routing;

namespace Pinterest.Modular.Tests.Integration.Api;

/// <summary>
/// One server for the read tests, seeded the way data arrives: rows posted to the topics, then a batch run queued over
/// HTTP and followed to its end. Events 1..3 are whole; a geo row off the globe and a user who joined "yesterday" are rejected.
/// </summary>
public sealed class OperationsServerFixture : IAsyncLifetime
{
    private ApiServer? _server;

    public ApiServer Server => _server ?? throw new InvalidOperationException("The fixture has not started.");

    public HttpClient Client => Server.Client;

    public JsonElement SeedRun { get; private set; }

    public async Task InitializeAsync()
    {
        _server = await ApiServer.StartAsync();
        await OperationsRecords.PostAsync(Server, Route.Batch, OperationsRecords.Topic("pin"),
            OperationsRecords.Pin(1, "12k"), OperationsRecords.Pin(2, "3"), OperationsRecords.Pin(3, "1M", "art"));
        await OperationsRecords.PostAsync(Server, Route.Batch, OperationsRecords.Topic("geo"),
            OperationsRecords.Geo(1), OperationsRecords.Geo(2), OperationsRecords.Geo(3, latitude: 123.5));
        await OperationsRecords.PostAsync(Server, Route.Batch, OperationsRecords.Topic("user"),
            OperationsRecords.User(1, 22), OperationsRecords.User(2, 30), OperationsRecords.User(3, 55),
            """{"ind":4,"first_name":"Bo","last_name":"Li","age":40,"date_joined":"yesterday"}""");
        SeedRun = (await Client.RunBatchJobAsync()).Ended;
        SeedRun.GetProperty("status").GetString().Should().Be("succeeded", "the seed run must work: {0}", SeedRun);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
