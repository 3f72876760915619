using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Pinterest.Modular.Application.Batch;
using Pinterest.Modular.Application.Routing;
using Pinterest.Modular.Application.Scheduling;
using Pinterest.Modular.Domain.Common;
using Pinterest.Modular.Tests.Integration.Api;
using Pinterest.Modular.Tests.Integration.Cli;
using Xunit.Abstractions;

namespace Pinterest.Modular.Tests.Integration.Reliability;

/// <summary>
/// <c>kill -9</c> of <c>serve</c> in the middle of a batch run (some chunks stored, others not), with clients posting
/// throughout, then a restart on the same data directory: the next run waits only for the killed host's short lease
/// (<c>BatchJob:LeaseDuration</c>) and succeeds, the killed run is shown failed with when its host was last seen
/// (API and <c>jobs list</c>), and every acknowledged record is stored exactly once (<see cref="DeliveryCheck"/>).
/// </summary>
[Collection(ReliabilityGroup.Name)]
public sealed class KillDuringBatchRunTests(ITestOutputHelper output, MariaDbOnDemand mariaDb)
{
    private const int Clients = 6;
    private const int RecordsPerRequest = 10;
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    /// <summary>
    /// A short lease, and small chunks so a run of a few thousand records lasts long enough to be killed in (a chunk
    /// costs more on PostgreSQL, so it takes bigger ones: the run after the restart must end within the drain's deadline).
    /// </summary>
    [Theory]
    [InlineData(WarehouseTarget.Sqlite, 10)]
    [InlineData(WarehouseTarget.Postgres, 100)]
    [InlineData(WarehouseTarget.MySql, 100)]
    public async Task KillNine_DuringABatchRun_ThenRestart_TheNextRunGoesAhead_TheKilledRunShowsFailed_AndEveryAckedRecordIsStoredOnce(
        string database, int chunkRecords)
    {
        var settings = new Dictionary<string, string?>
        {
            ["BatchJob:LeaseDuration"] = "00:00:03",
            ["BatchJob:ChunkRecords"] = chunkRecords.ToString(CultureInfo.InvariantCulture),
        };
        var clock = Stopwatch.StartNew();
        void Say(string what) => output.WriteLine($"{clock.Elapsed:mm\\:ss\\.f} {what}");
        await using var host = await HostUnderLoad.StartAsync(Route.Batch, TransportRows.For(Route.Batch, TransportRows.Embedded), database, settings, mariaDb);
        await using var load = host.StartLoad(Clients, RecordsPerRequest);
        await host.WaitForAcksAsync(3_000);

        var killedId = await BatchRunRequests.QueueAsync(host.Client);
        var stored = await Poll.UntilAsync(
            () => StoredWhileRunningAsync(host, killedId), n => n >= 200, "the run to have stored some chunks", Deadline);
        await host.KillAsync();
        var killedAt = DateTime.UtcNow;
        Say($"{host.Ledger.AckedCount} acked; kill -9 during run {killedId} ({stored} pins stored so far)");
        await load.StopAsync();

        await host.RestartAsync();
        await using (var after = host.StartLoad(Clients, RecordsPerRequest))
        {
            await host.WaitForAcksAsync(host.Ledger.AckedCount + 500);
            await after.StopAsync();
        }

        Say($"{host.Ledger.AckedCount} acked; restarted; drain (runs the job again)");
        await host.DrainAsync();
        var history = await host.Client.GetJsonAsync("api/jobs/batch");
        var next = history.EnumerateArray().First();
        var waited = next.GetProperty("started_at").GetDateTime() - next.GetProperty("queued_at").GetDateTime();
        Say($"run {next.GetProperty("id").GetInt64()} {next.GetProperty("status").GetString()} after waiting {waited.TotalSeconds:F1} s for the lease: {next}");
        waited.Should().BeLessThan(Lease + Leases.WaitInterval + TimeSpan.FromSeconds(3),
            "the killed host's lease lasted {0}, not the default minute", Lease);

        var killed = await host.Client.GetJsonAsync($"api/jobs/batch/{killedId}");
        Say($"killed run: {killed}");
        AssertAbandoned(killed, killedAt);

        host.Ledger.Errors.Should().BeEmpty("no request may be answered with an error, before or after the kill");
        await host.AssertEveryAckedRecordStoredOnceAsync();
        Say("every acked record stored once");

        // With the host gone, the CLI shows the same history.
        var listed = await ListRunsWithTheCliAsync(host, settings);
        AssertAbandoned(listed.Single(r => r.GetProperty("id").GetInt64() == killedId), killedAt);
    }

    /// <summary>Pins in the warehouse while the run is still running (0 otherwise: it must not have ended before the kill).</summary>
    private static async Task<int> StoredWhileRunningAsync(HostUnderLoad host, long runId)
    {
        var stored = (await host.Warehouse.KeysAsync(RecordKind.Pin)).Count;
        var run = await host.Client.GetJsonAsync($"api/jobs/batch/{runId}");
        var status = run.GetProperty("status").GetString();
        status.Should().BeOneOf(["queued", "running"], "the run must still be going when the host is killed: {0}", run);
        return status == "running" ? stored : 0;
    }

    private static void AssertAbandoned(JsonElement run, DateTime killedAt)
    {
        run.GetProperty("status").GetString().Should().Be("failed", "{0}", run);
        run.GetProperty("error").GetString().Should().StartWith(AbandonedRuns.ErrorPrefix);
        var started = run.GetProperty("started_at").GetDateTime();
        var finished = run.GetProperty("finished_at").GetDateTime();
        finished.Should().BeOnOrAfter(started).And.BeOnOrBefore(killedAt, "it ends when its host was last seen alive, before the kill");
        finished.Should().BeAfter(killedAt - Lease, "the host renewed its lease every {0} s until the kill", Lease.TotalSeconds / 3);
    }

    private static async Task<List<JsonElement>> ListRunsWithTheCliAsync(HostUnderLoad host, Dictionary<string, string?> settings)
    {
        var environment = host.Warehouse.Settings
            .Concat(settings)
            .Where(s => s.Value is not null)
            .ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value!);
        var call = new CliCall(["jobs", "list", "--format", "json", "--data-dir", host.DataDir]) { Environment = environment };
        var output = (await CliProcess.RunAsync(call)).ShouldSucceed();
        using var json = JsonDocument.Parse(output.Stdout);
        return [.. json.RootElement.EnumerateArray().Select(e => e.Clone())];
    }
}
