using Microsoft.Extensions.DependencyInjection;
using Pinterest.Modular.Application.Routing;
using Pinterest.Modular.Infrastructure.Kafka;
using Pinterest.Modular.Tests.Integration.Api;
using Pinterest.Modular.Tests.Integration.Cli;
using Pinterest.Modular.Tests.Integration.Support;

namespace Pinterest.Modular.Tests.Integration.Kafka;

/// <summary>
/// The batch route on Kafka from end to end: REST proxy → topics → the host's sink member → landing zone → batch job
/// → warehouse tables, with the progress the monitor reports at each step.
/// </summary>
public sealed class KafkaEndToEndTests(KafkaMockCluster cluster) : IClassFixture<KafkaMockCluster>
{
    [Fact]
    public async Task AcceptedRecords_LandAndReachTheWarehouseThroughTheBatchJob_EachOnce()
    {
        var settings = cluster.HostSettings("e2e");
        settings["Sink:FlushSize"] = "7";
        await using var server = await ApiServer.StartAsync(settings);
        var sink = server.Services.GetRequiredService<KafkaLandingSink>();
        await Poll.UntilAsync(() => sink.Assignment.Count, owned => owned == 12, "the host's sink to own the 3 topics × 4 partitions", LandingFolder.Deadline);
        const int Events = 30;
        foreach (var (topic, row) in new (string, Func<int, string>)[] { ("e2e.pin", KafkaRows.Pin), ("e2e.geo", KafkaRows.Geo), ("e2e.user", KafkaRows.User) })
        {
            await KafkaRows.ProduceAsync(server.Client, topic, [.. Enumerable.Range(1, 20).Select(row)]);
            await KafkaRows.ProduceAsync(server.Client, topic, [.. Enumerable.Range(21, Events - 20).Select(row)], partition: 3);
        }

        var (_, _, ended) = await server.Client.RunBatchJobAsync();

        ended.GetProperty("status").GetString().Should().Be("succeeded", ended.ToString());
        var warehouse = Path.Combine(server.DataDir, "warehouse.db");
        SqliteFile.Keys(warehouse, "pins", "ind").Should().Equal(Enumerable.Range(1, Events).Select(i => (long)i));
        SqliteFile.Keys(warehouse, "geo", "ind").Should().Equal(Enumerable.Range(1, Events).Select(i => (long)i));
        SqliteFile.Keys(warehouse, "users", "ind").Should().Equal(Enumerable.Range(1, Events).Select(i => (long)i));
        foreach (var topic in new[] { "e2e.pin", "e2e.geo", "e2e.user" })
        {
            LandingFolder.Records(server.DataDir, topic).Should().HaveCount(Events, "each accepted record lands once");
        }

        var progress = await server.Services.GetRequiredService<IRouteMonitor>().GetProgressAsync(CancellationToken.None);
        progress.Where(p => p.Destination.Route == Route.Batch)
            .Select(p => $"{p.Destination.Name} {p.Accepted} {p.Landed} {p.Processed}")
            .Should().BeEquivalentTo($"e2e.pin {Events} {Events} {Events}", $"e2e.geo {Events} {Events} {Events}", $"e2e.user {Events} {Events} {Events}");
    }
}
