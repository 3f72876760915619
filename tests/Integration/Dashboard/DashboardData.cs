using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Pinterest.Modular.Application.Emulation;
using Pinterest.Modular.Tests.Integration.Api;
using Route = Pinterest.Modular.Application.Routing.Route;

namespace Pinterest.Modular.Tests.Integration.Dashboard;

/// <summary>
/// A small demo run on a test server: seed the source tables, post events through both routes with the in-process
/// emulator, add records that will be rejected, let the stream route catch up, run the batch job over HTTP.
/// </summary>
internal static class DashboardData
{
    public const int SourceRows = 1_000;
    public const int Events = 300;

    public static async Task<JsonElement> DemoRunAsync(ApiServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        await server.Services.GetRequiredService<ISourceDatabase>().SeedAsync(SourceRows, seed: 3, progress: null, CancellationToken.None);
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var plan = new EmulationPlan(Events, [Route.Batch, Route.Stream], Random: true, Seed: 5, Concurrency: 4, RecordsPerRequest: 25);
            var summary = await scope.ServiceProvider.GetRequiredService<PostingEmulator>().RunAsync(plan, CancellationToken.None);
            summary.Failed.Should().Be(0, "every posted record is accepted: {0}", string.Join("; ", summary.SampleErrors));
        }

        // A geo row off the globe and a user who joined "yesterday": the dashboard lists their reasons.
        await OperationsRecords.PostAsync(server, Route.Batch, OperationsRecords.Topic("geo"), OperationsRecords.Geo(900_001, latitude: 123.5));
        await OperationsRecords.PostAsync(server, Route.Batch, OperationsRecords.Topic("user"),
            """{"ind":900002,"first_name":"Bo","last_name":"Li","age":40,"date_joined":"yesterday"}""");

        await server.Client.PollAsync("api/stats", stats => stats.GetProperty("streams").EnumerateArray()
            .All(s => s.GetProperty("processed").GetInt64() >= s.GetProperty("accepted").GetInt64()));
        var run = (await server.Client.RunBatchJobAsync()).Ended;
        run.GetProperty("status").GetString().Should().Be("succeeded", "the demo's batch run must work: {0}", run);
        return run;
    }
}
