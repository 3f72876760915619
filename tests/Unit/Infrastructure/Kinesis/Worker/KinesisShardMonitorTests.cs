using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Pinterest.Modular.Application.Routing;
using Pinterest.Modular.Domain.Common;
using Pinterest.Modular.Infrastructure.Kinesis;
using Pinterest.Modular.Infrastructure.Kinesis.Worker;
using Pinterest.Modular.Tests.Unit.Application;

namespace Pinterest.Modular.Tests.Unit.Infrastructure.Kinesis.Worker;

public sealed class KinesisShardMonitorTests
{
    private const string Shard0 = "shardId-000000000000";
    private const string Shard1 = "shardId-000000000001";

    private static KinesisAcceptedCountWriter WriterFor(ApplicationTestHost host, KinesisAcceptedCounts counts, string workerId) => new(
        counts,
        host.Resolve<IServiceScopeFactory>(),
        Options.Create(new KinesisWorkerOptions { WorkerId = workerId }),
        host.Clock,
        NullLogger<KinesisAcceptedCountWriter>.Instance);

    private static KinesisPutResult[] Puts(string shardId, int count) =>
        [.. Enumerable.Range(1, count).Select(i => new KinesisPutResult(shardId, i.ToString(System.Globalization.CultureInfo.InvariantCulture)))];

    [Fact]
    public async Task Shards_ShowWhatEveryHostPutAgainstWhatWasStored_AndWhoReadsThem()
    {
        await using var host = new ApplicationTestHost();
        var routes = host.Resolve<RouteTable>();
        var pin = routes.Streams.Single(s => s.Kind == RecordKind.Pin);
        var (first, second) = (new KinesisAcceptedCounts(), new KinesisAcceptedCounts());
        first.Add(pin.Name, Puts(Shard0, 70));
        first.Add(pin.Name, Puts(Shard1, 5));
        second.Add(pin.Name, Puts(Shard0, 30));
        await WriterFor(host, first, "host-a/1/x").WriteAsync(CancellationToken.None);
        await WriterFor(host, second, "host-b/2/y").WriteAsync(CancellationToken.None);
        host.Warehouse.Mark(KinesisCheckpoints.StoredScope, KinesisCheckpoints.Key(pin.Name, Shard0), "60");
        host.Warehouse.Mark(KinesisCheckpoints.Scope, KinesisCheckpoints.Key(pin.Name, Shard0), "4960");
        var now = host.Clock.GetUtcNow();
        await host.Leases.TryAcquireAsync(KinesisLeaseNames.Shard(pin.Name, Shard0), "host-a/1/x", now, now.AddSeconds(30), CancellationToken.None);
        await host.Leases.TryAcquireAsync(KinesisLeaseNames.Shard(pin.Name, Shard1), "host-b/2/y", now.AddSeconds(-60), now.AddSeconds(-30), CancellationToken.None);
        var monitor = new KinesisShardMonitor(routes, host.Leases, host.Resolve<IServiceScopeFactory>(), host.Clock);

        var shards = await monitor.GetShardsAsync(CancellationToken.None);

        shards.Should().Equal(
            new ShardProgress(pin, Shard0, Accepted: 100, Stored: 60, LastStoredSequenceNumber: "4960", Owner: "host-a/1/x"),
            new ShardProgress(pin, Shard1, Accepted: 5, Stored: 0, LastStoredSequenceNumber: null, Owner: null));
        shards.Select(s => s.Backlog).Should().Equal(40, 5);

        var streams = await new KinesisStreamMonitor(routes, new KinesisReadProgress(), host.Resolve<IServiceScopeFactory>())
            .GetProgressAsync(CancellationToken.None);
        streams.Single(s => s.Destination == pin).Should().Match<DestinationProgress>(p => p.Accepted == 105 && p.Processed == 60);
    }

    [Fact]
    public void Backlog_IsNeverBelowZero_WhenAHostDiedBeforeCountingItsLastPuts()
    {
        var stream = new Destination(RecordKind.Pin, Route.Stream, "streaming-pinterest-pin");

        new ShardProgress(stream, Shard0, Accepted: 10, Stored: 12, LastStoredSequenceNumber: "9", Owner: null).Backlog.Should().Be(0);
    }

    [Fact]
    public async Task CountWriter_WritesOnlyTotalsThatChanged_UnderThisProcesssOwnKey()
    {
        await using var host = new ApplicationTestHost();
        var counts = new KinesisAcceptedCounts();
        var writer = WriterFor(host, counts, "host-a/1/x");
        counts.Add("s", Puts(Shard0, 3));
        await writer.WriteAsync(CancellationToken.None);
        var calls = host.Warehouse.Calls.Count;

        await writer.WriteAsync(CancellationToken.None);
        host.Warehouse.Calls.Should().HaveCount(calls, "nothing changed");

        counts.Add("s", Puts(Shard0, 2));
        await writer.WriteAsync(CancellationToken.None);
        var marks = await host.Warehouse.GetMarksAsync(KinesisCheckpoints.AcceptedScope, CancellationToken.None);
        marks.Should().Equal(new Dictionary<string, string> { ["s/" + Shard0 + "@host-a/1/x"] = "5" });
    }
}
