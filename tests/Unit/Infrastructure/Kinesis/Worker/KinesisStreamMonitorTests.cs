using Microsoft.Extensions.DependencyInjection;
using Pinterest.Modular.Application.Routing;
using Pinterest.Modular.Domain.Common;
using Pinterest.Modular.Infrastructure.Kinesis.Worker;
using Pinterest.Modular.Tests.Unit.Application;

namespace Pinterest.Modular.Tests.Unit.Infrastructure.Kinesis.Worker;

public sealed class KinesisStreamMonitorTests
{
    [Fact]
    public async Task Progress_CountsStoredRecordsOfEveryHost_AndThisHostsLargestLag()
    {
        await using var host = new ApplicationTestHost();
        var routes = host.Resolve<RouteTable>();
        var pin = routes.Streams.Single(s => s.Kind == RecordKind.Pin).Name;
        host.Warehouse.Mark(KinesisCheckpoints.StoredScope, KinesisCheckpoints.Key(pin, "shardId-000000000000"), "40");
        host.Warehouse.Mark(KinesisCheckpoints.StoredScope, KinesisCheckpoints.Key(pin, "shardId-000000000001"), "2");
        host.Warehouse.Mark(KinesisCheckpoints.StoredScope, KinesisCheckpoints.Key(pin + "-other", "shardId-000000000000"), "1000");
        var progress = new KinesisReadProgress();
        progress.Started(pin, "shardId-000000000000");
        progress.Started(pin, "shardId-000000000001");
        progress.Read(pin, "shardId-000000000000", records: 5, millisBehindLatest: 1_500);
        progress.Read(pin, "shardId-000000000001", records: 0, millisBehindLatest: 0);
        var monitor = new KinesisStreamMonitor(routes, progress, host.Resolve<IServiceScopeFactory>());

        var report = await monitor.GetProgressAsync(CancellationToken.None);

        report.Select(p => p.Destination).Should().Equal(routes.Streams);
        var pins = report.Single(p => p.Destination.Name == pin);
        pins.Should().Be(new DestinationProgress(pins.Destination, Accepted: 47, Landed: null, Processed: 42, Lag: TimeSpan.FromMilliseconds(1_500)));
        report.Where(p => p.Destination.Name != pin).Should().OnlyContain(p => p.Processed == 0 && p.Lag == null, "this host reads none of their shards");

        progress.Stored(pin, "shardId-000000000000");
        progress.Ended(pin, "shardId-000000000000");
        (await monitor.GetProgressAsync(CancellationToken.None)).Single(p => p.Destination.Name == pin).Lag.Should().Be(TimeSpan.Zero);
    }
}
