using Pinterest.Modular.Application.Routing;
using Pinterest.Modular.Domain.Common;
using Pinterest.Modular.Tests.Unit.Application.Fakes;

namespace Pinterest.Modular.Tests.Unit.Application.Routing;

public sealed class RouteMonitorTests
{
    [Fact]
    public async Task GetProgress_WithOneMonitorPerTransport_ReportsEveryDestinationTopicsFirstThenByKind()
    {
        var streams = new FakeTransportMonitor
        {
            Progress =
            [
                new(new Destination(RecordKind.User, Route.Stream, "streaming-p-user"), 1, null, 1, TimeSpan.Zero),
                new(new Destination(RecordKind.Pin, Route.Stream, "streaming-p-pin"), 2, null, 2, TimeSpan.Zero),
            ],
        };
        var topics = new FakeTransportMonitor
        {
            Progress = [new(new Destination(RecordKind.Geo, Route.Batch, "p.geo"), 3, 3, 0, null)],
        };

        var progress = await new RouteMonitor([streams, topics]).GetProgressAsync(CancellationToken.None);

        progress.Select(p => p.Destination.Name).Should().Equal("p.geo", "streaming-p-pin", "streaming-p-user");
    }
}
