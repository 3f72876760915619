using System.Net;
using Npgsql;
using Pinterest.Modular.Application.Routing;
using Pinterest.Modular.Domain.Common;
using Pinterest.Modular.Tests.Integration.Api;
using Pinterest.Modular.Tests.Integration.ObjectStore;

namespace Pinterest.Modular.Tests.Integration.Reliability;

/// <summary>
/// A dependency goes away and comes back (the real server behind a <see cref="TcpForwarder"/> that is cut, then
/// restored): ingest keeps taking records on the local logs, the workers retry on their own, and nothing acknowledged
/// is lost once the dependency is back.
/// </summary>
[Collection(ReliabilityGroup.Name)]
public sealed class OutageTests
{
    private const int RecordsPerRequest = 5;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task Warehouse_WhenItGoesAwayAndComesBack_IngestStaysUp_ReadinessSaysSo_AndBothRoutesLoseNothing()
    {
        var postgres = new NpgsqlConnectionStringBuilder(TestServers.PostgresConnectionString);
        await using var forwarder = new TcpForwarder(postgres.Host!, postgres.Port);
        using var dataDir = new TempDir("pm-outage-");
        await using var warehouse = await WarehouseTarget.CreateAsync(WarehouseTarget.Postgres, dataDir.Path, forwarder.Port);
        var settings = EmulatorPayloads.Settings();
        foreach (var (key, value) in warehouse.Settings)
        {
            settings[key] = value;
        }

        await using var server = await ApiServer.StartAsync(settings, dataDir.Path);
        var ledger = new AckLedger();
        await PostEveryKindAsync(server.Client, ledger, Route.Stream);

        forwarder.Cut();
        await WaitForReadinessAsync(server.Client, HttpStatusCode.ServiceUnavailable);
        await PostEveryKindAsync(server.Client, ledger, Route.Batch);
        await PostEveryKindAsync(server.Client, ledger, Route.Stream);
        using (var refusedRun = await server.Client.PostAsync(new Uri("api/jobs/batch", UriKind.Relative), null))
        {
            refusedRun.IsSuccessStatusCode.Should().BeFalse("a run cannot even be recorded while the warehouse is away");
        }

        await Poll.UntilAsync(() => Task.FromResult(forwarder.Refused), n => n >= 5, "the stream worker to retry against the cut warehouse", Deadline);

        forwarder.Restore();
        await WaitForReadinessAsync(server.Client, HttpStatusCode.OK);
        var (_, _, ended) = await server.Client.RunBatchJobAsync();
        ended.GetProperty("status").GetString().Should().Be("succeeded", "{0}", ended);
        await AssertAllAckedStoredAsync(warehouse, ledger);
    }

    [Fact]
    public async Task ObjectStore_WhenItGoesAwayAndComesBack_TheSinkRetries_TheBatchRunFailsClearly_AndNothingIsLost()
    {
        var s3 = TestServers.S3ServiceUrl;
        await using var forwarder = new TcpForwarder(s3.Host, s3.Port);
        await using var bucket = await S3TestBucket.CreateAsync();
        S3TestBucket.ShareCredentialsThroughEnvironment();
        using var dataDir = new TempDir("pm-outage-");
        await using var warehouse = await WarehouseTarget.CreateAsync(WarehouseTarget.Sqlite, dataDir.Path);
        var settings = EmulatorPayloads.Settings(("Sink:FlushSize", "5"), ("Sink:RotateIntervalMs", "500"));
        foreach (var (key, value) in bucket.Settings())
        {
            settings[key] = value;
        }

        settings["ObjectStore:ServiceUrl"] = $"http://127.0.0.1:{forwarder.Port}";
        await using var server = await ApiServer.StartAsync(settings, dataDir.Path);
        var ledger = new AckLedger();
        await PostEveryKindAsync(server.Client, ledger, Route.Batch);
        await WaitUntilLandedAsync(server.Client);

        forwarder.Cut();
        await PostEveryKindAsync(server.Client, ledger, Route.Batch);
        await Poll.UntilAsync(() => Task.FromResult(forwarder.Refused), n => n >= 1, "the sink to try the cut object store", Deadline);
        var (_, _, failed) = await server.Client.RunBatchJobAsync();
        failed.GetProperty("status").GetString().Should().Be("failed", "the run cannot land what the sink holds: {0}", failed);
        failed.GetProperty("error").GetString().Should().NotBeNullOrWhiteSpace();

        forwarder.Restore();
        await WaitUntilLandedAsync(server.Client);
        var (_, _, ended) = await server.Client.RunBatchJobAsync();
        ended.GetProperty("status").GetString().Should().Be("succeeded", "{0}", ended);
        await AssertAllAckedStoredAsync(warehouse, ledger);

        // Each record on exactly one line of one object, though the sink's puts failed and were redone.
        var lines = new List<long?>();
        foreach (var key in await bucket.KeysAsync())
        {
            var kind = RecordKinds.All.Single(k => key.Contains("." + k.Name + "/", StringComparison.Ordinal));
            var text = await bucket.ReadTextAsync(key);
            lines.AddRange(text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => UniqueRows.KeyOf(kind, System.Text.Encoding.UTF8.GetBytes(l))));
        }

        lines.Should().OnlyHaveUniqueItems().And.HaveCount(ledger.AckedCount);
    }

    private static async Task PostEveryKindAsync(HttpClient client, AckLedger ledger, Route route)
    {
        foreach (var kind in RecordKinds.All)
        {
            var keys = ledger.Reserve(RecordsPerRequest);
            using var request = UniqueRows.Request(route, kind, keys.Select(k => UniqueRows.Row(kind, k)));
            using var response = await client.SendAsync(request);
            response.StatusCode.Should().Be(HttpStatusCode.OK, "ingest needs only the local log: {0}", await response.Content.ReadAsStringAsync());
            ledger.Acked(kind, keys);
        }
    }

    private static async Task WaitForReadinessAsync(HttpClient client, HttpStatusCode expected) => await Poll.UntilAsync(
        async () =>
        {
            using var response = await client.GetAsync(new Uri("health/ready", UriKind.Relative));
            return response.StatusCode;
        },
        status => status == expected,
        $"/health/ready to answer {(int)expected}",
        Deadline);

    private static async Task WaitUntilLandedAsync(HttpClient client) => await Poll.UntilAsync(
        () => client.GetJsonAsync("api/stats"),
        stats => stats.GetProperty("topics").EnumerateArray().All(t => t.GetProperty("landed").GetInt64() == t.GetProperty("accepted").GetInt64()),
        "every accepted record landed",
        Deadline);

    private static async Task AssertAllAckedStoredAsync(WarehouseTarget warehouse, AckLedger ledger)
    {
        foreach (var kind in RecordKinds.All)
        {
            var acked = ledger.AckedOf(kind);
            var stored = await Poll.UntilAsync(
                () => warehouse.KeysAsync(kind),
                s => s.IsSupersetOf(acked),
                () => $"every acknowledged {kind} stored (acknowledged, in order: {string.Join(", ", acked.Order())})",
                Deadline);
            stored.Should().BeEquivalentTo(acked);
        }
    }
}
