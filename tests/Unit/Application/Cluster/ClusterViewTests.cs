using Microsoft.Extensions.Logging.Abstractions;
using Pinterest.Modular.Application.Batch;
using Pinterest.Modular.Application.Cluster;
using Pinterest.Modular.Application.Common;

namespace Pinterest.Modular.Tests.Unit.Application.Cluster;

public sealed class ClusterViewTests
{
    private static HostPresence PresenceOf(ApplicationTestHost host, string name) =>
        new(new HostIdentity(name, host.Clock.GetUtcNow()), host.Leases, host.Clock, NullLogger<HostPresence>.Instance);

    [Fact]
    public async Task Hosts_ListEachLiveHostWithWhatItHolds_AndWhetherItRunsTheBatchJob()
    {
        await using var host = new ApplicationTestHost();
        var started = host.Clock.GetUtcNow();
        var a = PresenceOf(host, "a");
        var b = PresenceOf(host, "b");
        await a.StartAsync(CancellationToken.None);
        await b.StartAsync(CancellationToken.None);
        await Poll.UntilAsync(() => host.Leases.Find("hosts/a") is not null && host.Leases.Find("hosts/b") is not null, () => "both presences");
        var until = started.AddSeconds(30);
        host.Leases.Hold("kinesis/streaming-pinterest-pin/shardId-000000000000", "a", until);
        host.Leases.Hold("kinesis/streaming-pinterest-pin/shardId-000000000001", "b", until);
        host.Leases.Hold("kinesis-workers/a", "a", until);
        host.Leases.Hold(LeasedBatchJob.LeaseName, new HostIdentity("a", started).NewLeaseOwner(), until);

        var hosts = await new ClusterView(host.Leases, host.Clock).GetHostsAsync(CancellationToken.None);

        hosts.Select(h => h.Name).Should().Equal("a", "b");
        hosts[0].Holds.Should().Equal("kinesis/streaming-pinterest-pin/shardId-000000000000");
        hosts[1].Holds.Should().Equal("kinesis/streaming-pinterest-pin/shardId-000000000001");
        hosts.Should().OnlyContain(h => h.StartedAt == started && h.LastSeen == started);
        hosts.Select(h => h.RunsBatchJob).Should().Equal([true, false], "a took the batch-job lease, though both run in this process");

        await b.StopAsync(CancellationToken.None);
        (await new ClusterView(host.Leases, host.Clock).GetHostsAsync(CancellationToken.None)).Select(h => h.Name)
            .Should().Equal(["a"], "a host that stops cleanly leaves at once");
        await a.StopAsync(CancellationToken.None);
        a.Dispose();
        b.Dispose();
    }

    [Fact]
    public async Task Presence_OfAKilledHost_LeavesTheViewOnceItLapses_AndIsThenRemoved()
    {
        await using var host = new ApplicationTestHost();
        var now = host.Clock.GetUtcNow();
        host.Leases.Hold("hosts/killed", "x|" + now.ToString("O", System.Globalization.CultureInfo.InvariantCulture), now.AddSeconds(5));
        var survivor = PresenceOf(host, "survivor");
        await survivor.StartAsync(CancellationToken.None);
        var view = new ClusterView(host.Leases, host.Clock);
        await Poll.UntilAsync(() => host.Leases.Find("hosts/survivor") is not null, () => "the survivor's presence");
        (await view.GetHostsAsync(CancellationToken.None)).Select(h => h.Name).Should().Equal("killed", "survivor");

        host.Clock.Advance(TimeSpan.FromSeconds(10));
        (await view.GetHostsAsync(CancellationToken.None)).Select(h => h.Name).Should().Equal("survivor");
        // The survivor may have started its wait on the clock only after the clock moved (a loaded machine): its next
        // renewal, which removes lapsed presences, then needs the clock to move again.
        await Poll.MovingClockUntilAsync(
            host.Clock, TimeSpan.FromMilliseconds(100), () => host.Leases.Find("hosts/killed") is null, "the lapsed presence removed by the survivor");

        await survivor.StopAsync(CancellationToken.None);
        survivor.Dispose();
    }

    [Fact]
    public async Task Hosts_AreShownWithTheNewestRunEachRan_FromTheRunsGiven()
    {
        await using var host = new ApplicationTestHost();
        var now = host.Clock.GetUtcNow();
        var a = PresenceOf(host, "a");
        var b = PresenceOf(host, "b");
        await a.StartAsync(CancellationToken.None);
        await b.StartAsync(CancellationToken.None);
        await Poll.UntilAsync(() => host.Leases.Find("hosts/a") is not null && host.Leases.Find("hosts/b") is not null, () => "both presences");
        BatchRun Run(long id, string? ranBy) => new(id, "api", BatchRunStatus.Succeeded, now, now, now, 0, 0, 0, null) { Host = ranBy };

        var hosts = await new ClusterView(host.Leases, host.Clock).GetHostsAsync([Run(3, null), Run(2, "a"), Run(1, "a")], CancellationToken.None);

        hosts.Select(h => h.BatchRun?.Id).Should().Equal([2L, null], "a ran runs 2 and 1 (the newest first), b none, and a queued run has no host");
        await a.StopAsync(CancellationToken.None);
        await b.StopAsync(CancellationToken.None);
        a.Dispose();
        b.Dispose();
    }
}
