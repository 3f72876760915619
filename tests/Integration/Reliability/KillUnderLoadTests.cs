using System.Diagnostics;
using Pinterest.Modular.Application.Routing;
using Pinterest.Modular.Tests.Integration.Api;
using Xunit.Abstractions;

namespace Pinterest.Modular.Tests.Integration.Reliability;

/// <summary>
/// <c>kill -9</c> of <c>serve</c> while clients post as fast as it answers, then a restart on the same data directory:
/// every acknowledged record is stored exactly once (<see cref="DeliveryCheck"/>). Each row: route, transport
/// (<see cref="TransportRows"/>), warehouse.
/// </summary>
[Collection(ReliabilityGroup.Name)]
public sealed class KillUnderLoadTests(ITestOutputHelper output)
{
    private const int Clients = 6;
    private const int RecordsPerRequest = 10;

    [Theory]
    [InlineData("batch", TransportRows.Embedded, WarehouseTarget.Sqlite)]
    [InlineData("stream", TransportRows.Embedded, WarehouseTarget.Sqlite)]
    [InlineData("batch", TransportRows.Embedded, WarehouseTarget.Postgres)]
    [InlineData("stream", TransportRows.Embedded, WarehouseTarget.Postgres)]
    [InlineData("stream", TransportRows.Kinesis, WarehouseTarget.Sqlite)]
    [InlineData("batch", TransportRows.Kafka, WarehouseTarget.Sqlite)]
    public async Task KillNine_UnderLoad_ThenRestart_StoresEveryAcknowledgedRecordExactlyOnce(string route, string transport, string database)
    {
        var on = Enum.Parse<Route>(route, ignoreCase: true);
        var clock = Stopwatch.StartNew();
        using var row = await TransportRows.OpenAsync(on, transport);
        await using var host = await HostUnderLoad.StartAsync(on, row.Settings, database);

        // Before the kill: load, and on the batch route one run of the job in the middle of it, so the kill finds
        // objects already read by a run, objects landed since, and records not landed yet.
        output.WriteLine($"{clock.Elapsed:mm\\:ss\\.f} {host.Ledger.AckedCount} acked; started; load begins");
        await using var load = host.StartLoad(Clients, RecordsPerRequest);
        await host.WaitForAcksAsync(1_000);
        if (on == Route.Batch)
        {
            var (_, _, ended) = await host.Client.RunBatchJobAsync();
            ended.GetProperty("status").GetString().Should().Be("succeeded", "{0}", ended);
        }

        await host.WaitForAcksAsync(host.Ledger.AckedCount + 1_000);
        output.WriteLine($"{clock.Elapsed:mm\\:ss\\.f} {host.Ledger.AckedCount} acked; kill -9");
        await host.KillAsync();
        await load.StopAsync();

        // After the restart the host takes records again at once, and drains what it held before the kill.
        output.WriteLine($"{clock.Elapsed:mm\\:ss\\.f} {host.Ledger.AckedCount} acked; restart");
        await host.RestartAsync();
        await using var after = host.StartLoad(Clients, RecordsPerRequest);
        await host.WaitForAcksAsync(host.Ledger.AckedCount + 500);
        await after.StopAsync();
        output.WriteLine($"{clock.Elapsed:mm\\:ss\\.f} {host.Ledger.AckedCount} acked; drain");
        await host.DrainAsync();

        host.Ledger.Errors.Should().BeEmpty("no request may be answered with an error, before or after the kill");
        output.WriteLine($"{clock.Elapsed:mm\\:ss\\.f} {host.Ledger.AckedCount} acked; check");
        await host.AssertEveryAckedRecordStoredOnceAsync();
        output.WriteLine($"{clock.Elapsed:mm\\:ss\\.f} checked");
    }
}
