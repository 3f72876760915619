using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Pinterest.Modular.Application.Batch;
using Pinterest.Modular.Application.Common;
using Pinterest.Modular.Application.Routing;
using Pinterest.Modular.Domain.Common;
using Pinterest.Modular.Tests.Integration.Api;
using Xunit.Abstractions;

namespace Pinterest.Modular.Tests.Integration.Reliability;

/// <summary>
/// The warehouse's server (PostgreSQL, MariaDB) goes away in the middle of a batch run (behind a <see cref="TcpForwarder"/> that is cut) and comes back
/// within <c>BatchJob:LeaseDuration</c>: the run is recorded failed with the warehouse's error (not left "running", not
/// "abandoned"), ending when it failed; the next run succeeds and nothing acknowledged is lost.
/// </summary>
[Collection(ReliabilityGroup.Name)]
public sealed class WarehouseLostDuringBatchRunTests(ITestOutputHelper output, MariaDbOnDemand mariaDb)
{
    private const int RecordsPerKind = 50;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(45);

    [Theory]
    [InlineData(WarehouseTarget.Postgres)]
    [InlineData(WarehouseTarget.MySql)]
    public async Task Warehouse_LostDuringABatchRun_TheRunShowsFailedWithTheWarehouseError_AndTheNextRunStoresEverything(string database)
    {
        var (host, port) = await ServerAddressAsync(database);
        await using var forwarder = new TcpForwarder(host, port);
        using var dataDir = new TempDir("pm-lost-warehouse-");
        await using var warehouse = await WarehouseTarget.CreateAsync(database, dataDir.Path, forwarder.Port, mariaDb);
        var settings = EmulatorPayloads.Settings(("BatchJob:LeaseDuration", "00:00:30"), ("BatchJob:ChunkRecords", "10"));
        foreach (var (key, value) in warehouse.Settings)
        {
            settings[key] = value;
        }

        using var gate = new FirstObjectGate();
        await using var server = await ApiServer.StartAsync(settings, dataDir.Path, services => services.AddSingleton<IProgressReporter>(gate));
        var ledger = new AckLedger();
        await PostEveryKindAsync(server.Client, ledger);
        await Poll.UntilAsync(
            () => server.Client.GetJsonAsync("api/stats"),
            stats => stats.GetProperty("topics").EnumerateArray().All(t => t.GetProperty("landed").GetInt64() == t.GetProperty("accepted").GetInt64()),
            "every accepted record landed",
            Deadline);

        var runId = await BatchRunRequests.QueueAsync(server.Client);
        gate.Reached.Wait(Deadline).Should().BeTrue("the run reads its first landing object");
        var cutAt = DateTime.UtcNow;
        forwarder.Cut();
        gate.Release();
        await Poll.UntilAsync(() => Task.FromResult(forwarder.Refused), n => n >= 3, "the run to fail and try to record that", Deadline);
        forwarder.Restore();

        var failed = await server.Client.PollAsync($"api/jobs/batch/{runId}", r => r.GetProperty("status").GetString() != "running");
        output.WriteLine($"the run, recorded once the warehouse was back: {failed}");
        failed.GetProperty("status").GetString().Should().Be("failed", "{0}", failed);
        failed.GetProperty("error").GetString().Should().NotBeNullOrWhiteSpace().And.NotStartWith(AbandonedRuns.ErrorPrefix, "its host knew the cause");
        failed.GetProperty("finished_at").GetDateTime().Should().BeOnOrAfter(cutAt.AddSeconds(-1)).And.BeBefore(
            cutAt.AddSeconds(5), "it ended when the warehouse went away, not when that could be recorded: {0}", failed);

        var (_, _, next) = await server.Client.RunBatchJobAsync();
        next.GetProperty("status").GetString().Should().Be("succeeded", "{0}", next);
        foreach (var kind in RecordKinds.All)
        {
            (await warehouse.KeysAsync(kind)).Should().BeEquivalentTo(ledger.AckedOf(kind));
        }
    }

    private async Task<(string Host, int Port)> ServerAddressAsync(string database)
    {
        if (database == WarehouseTarget.MySql)
        {
            return ("127.0.0.1", (await mariaDb.GetAsync()).Port);
        }

        var postgres = new NpgsqlConnectionStringBuilder(TestServers.PostgresConnectionString);
        return (postgres.Host!, postgres.Port);
    }

    private static async Task PostEveryKindAsync(HttpClient client, AckLedger ledger)
    {
        foreach (var kind in RecordKinds.All)
        {
            var keys = ledger.Reserve(RecordsPerKind);
            using var request = UniqueRows.Request(Route.Batch, kind, keys.Select(k => UniqueRows.Row(kind, k)));
            using var response = await client.SendAsync(request);
            response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            ledger.Acked(kind, keys);
        }
    }

    /// <summary>Holds the first batch run after it has read its first landing object, until the test lets it go on.</summary>
    private sealed class FirstObjectGate : IProgressReporter, IDisposable
    {
        private readonly ManualResetEventSlim _release = new();
        private int _held;

        public ManualResetEventSlim Reached { get; } = new();

        public void Report(string stage, long done, long? total)
        {
            if (stage == "Landing objects" && done == 1 && Interlocked.Exchange(ref _held, 1) == 0)
            {
                Reached.Set();
                _release.Wait(Deadline);
            }
        }

        public void Release() => _release.Set();

        public void Dispose()
        {
            _release.Dispose();
            Reached.Dispose();
        }
    }
}
