using Microsoft.Extensions.Options;
using Pinterest.Modular.Application.Analytics;

namespace Pinterest.Modular.Tests.Unit.Application.Analytics;

/// <summary>
/// The served results: computed once per warehouse version, one computation at a time, refreshed at most every
/// <c>Analytics:RefreshSeconds</c> while the warehouse keeps changing, dated by their as-of.
/// </summary>
public sealed class ServedAnalyticsTests
{
    private static readonly int Nine = AnalyticsQuery.All.Count;

    private static ApplicationTestHost Host(int refreshSeconds = 5) =>
        new(new Dictionary<string, string?> { ["Analytics:RefreshSeconds"] = refreshSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    [Fact]
    public async Task Get_WhenNothingChanged_ComputesOnceAndAnswersLaterRequestsFromMemory()
    {
        await using var host = Host();
        var served = host.Resolve<ServedAnalytics>();

        var first = await served.GetAsync(host.Timeout);
        host.Clock.Advance(TimeSpan.FromMinutes(10));
        var later = await served.GetAsync(host.Timeout);

        later.Should().BeSameAs(first);
        host.Analytics.Ran.Should().Equal(AnalyticsQuery.All);
        first.Results.Select(result => result.Name).Should().Equal(AnalyticsQuery.All);
    }

    [Fact]
    public async Task Get_ManyRequestsAtOnce_ShareOneComputation()
    {
        await using var host = Host();
        var served = host.Resolve<ServedAnalytics>();
        var release = new TaskCompletionSource();
        host.Analytics.Hold = release.Task;

        var requests = Enumerable.Range(0, 20).Select(_ => Task.Run(() => served.GetAsync(host.Timeout))).ToList();
        await Poll.UntilAsync(() => host.Analytics.Started == 1, () => "the first query to start");
        await Task.Delay(100); // time for any second computation to start, were there one
        release.SetResult();
        var snapshots = await Task.WhenAll(requests);

        snapshots.Should().AllSatisfy(snapshot => snapshot.Should().BeSameAs(snapshots[0]));
        host.Analytics.Ran.Should().HaveCount(Nine);
        served.Computations.Should().Be(1);
    }

    [Fact]
    public async Task Get_WhileTheWarehouseKeepsChanging_RecomputesAtMostOncePerRefreshInterval()
    {
        await using var host = Host(refreshSeconds: 5);
        var served = host.Resolve<ServedAnalytics>();
        var first = await served.GetAsync(host.Timeout);

        for (var second = 1; second < 5; second++)
        {
            host.Warehouse.Version++;
            host.Clock.Advance(TimeSpan.FromSeconds(1));
            (await served.GetAsync(host.Timeout)).Should().BeSameAs(first, "{0} s after the last computation", second);
        }

        host.Warehouse.Version++;
        host.Clock.Advance(TimeSpan.FromSeconds(1));
        (await served.GetAsync(host.Timeout)).Should().BeSameAs(first, "the request that starts the refresh is answered at once");
        await Poll.UntilAsync(() => served.Computations == 2, () => "the refresh in the background");
        var refreshed = await served.GetAsync(host.Timeout);

        refreshed.WarehouseVersion.Should().Be(host.Warehouse.Version);
        host.Analytics.Ran.Should().HaveCount(2 * Nine);
    }

    [Fact]
    public async Task Get_AfterAChangeOnceTheIntervalHasPassed_ServesTheOldResultsUntilTheNewAreReady()
    {
        await using var host = Host(refreshSeconds: 5);
        var served = host.Resolve<ServedAnalytics>();
        var first = await served.GetAsync(host.Timeout);
        var release = new TaskCompletionSource();
        host.Analytics.Hold = release.Task;
        host.Warehouse.Version++;
        host.Clock.Advance(TimeSpan.FromSeconds(6));

        var during = await Task.WhenAll(served.GetAsync(host.Timeout), served.GetAsync(host.Timeout));
        release.SetResult();
        await Poll.UntilAsync(() => served.Computations == 2, () => "the refresh in the background");

        during.Should().AllSatisfy(snapshot => snapshot.Should().BeSameAs(first));
        (await served.GetAsync(host.Timeout)).WarehouseVersion.Should().Be(1);
    }

    [Fact]
    public async Task Get_DatesTheResultsByTheStartOfTheirComputation()
    {
        await using var host = Host();
        var served = host.Resolve<ServedAnalytics>();
        var start = host.Clock.GetUtcNow();
        host.Warehouse.Version = 41;

        var snapshot = await served.GetAsync(host.Timeout);

        snapshot.AsOf.Should().Be(start);
        snapshot.WarehouseVersion.Should().Be(41);
        snapshot.Tag.Should().Be($"\"41-{start.ToUnixTimeMilliseconds()}\"");
    }

    [Fact]
    public async Task Get_WhenAnotherRunKeptResultsAtTheSameVersion_TakesThemWithoutComputing()
    {
        await using var host = Host();
        host.Warehouse.Version = 7;
        var kept = new AnalyticsSnapshot(7, host.Clock.GetUtcNow().AddMinutes(-3), [.. AnalyticsQuery.All.Select(name => new AnalyticsResult(name, ["x"], []))]);
        await host.Results.SaveAsync(12, kept, host.Timeout);

        var snapshot = await host.Resolve<ServedAnalytics>().GetAsync(host.Timeout);

        snapshot.Should().BeSameAs(kept);
        host.Analytics.Ran.Should().BeEmpty();
    }

    [Fact]
    public async Task GetCurrent_AfterAChange_RecomputesAtOnceWhateverTheInterval()
    {
        await using var host = Host(refreshSeconds: 3600);
        var served = host.Resolve<ServedAnalytics>();
        await served.GetAsync(host.Timeout);
        host.Warehouse.Version++;

        var current = await served.GetCurrentAsync(host.Timeout);

        current.WarehouseVersion.Should().Be(1);
        host.Analytics.Ran.Should().HaveCount(2 * Nine);
        (await served.GetAsync(host.Timeout)).Should().BeSameAs(current);
    }

    [Fact]
    public async Task GetCurrent_WhenNothingChanged_DoesNotRecompute()
    {
        await using var host = Host();
        var served = host.Resolve<ServedAnalytics>();
        var first = await served.GetCurrentAsync(host.Timeout);

        (await served.GetCurrentAsync(host.Timeout)).Should().BeSameAs(first);
        host.Analytics.Ran.Should().HaveCount(Nine);
    }

    [Fact]
    public async Task GetCurrent_WhileAComputationOfAnOlderVersionRuns_WaitsForItThenComputesTheNewVersion()
    {
        await using var host = Host();
        var served = host.Resolve<ServedAnalytics>();
        var release = new TaskCompletionSource();
        host.Analytics.Hold = release.Task;
        var old = served.GetAsync(host.Timeout);
        await Poll.UntilAsync(() => host.Analytics.Started == 1, () => "the first computation to start");

        host.Warehouse.Version = 3; // persisted after that computation read the counter
        var current = served.GetCurrentAsync(host.Timeout);
        release.SetResult();

        (await old).WarehouseVersion.Should().Be(0);
        (await current).WarehouseVersion.Should().Be(3);
        served.Computations.Should().Be(2);
    }

    [Fact]
    public async Task Get_WhenTheComputationFails_FailsTheWaitingRequestAndTriesAgainNextTime()
    {
        await using var host = Host();
        var served = host.Resolve<ServedAnalytics>();
        host.Analytics.Hold = Task.FromException(new InvalidOperationException("warehouse is down"));

        var failing = () => served.GetAsync(host.Timeout);
        await failing.Should().ThrowAsync<InvalidOperationException>().WithMessage("warehouse is down");
        host.Analytics.Hold = Task.CompletedTask;

        (await served.GetAsync(host.Timeout)).Results.Should().HaveCount(Nine);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("86401")]
    public async Task RefreshSeconds_OutOfRange_FailsAtStartNamingTheKey(string configured)
    {
        await using var host = new ApplicationTestHost(new Dictionary<string, string?> { ["Analytics:RefreshSeconds"] = configured });

        var resolve = () => host.Resolve<IOptions<AnalyticsOptions>>().Value;

        resolve.Should().Throw<OptionsValidationException>()
            .WithMessage($"Analytics:RefreshSeconds must be a whole number of seconds from 0 to 86400; it is {configured}.");
    }

    [Fact]
    public async Task RefreshSeconds_ByDefault_IsFive()
    {
        await using var host = new ApplicationTestHost();

        host.Resolve<IOptions<AnalyticsOptions>>().Value.RefreshSeconds.Should().Be(5);
    }
}
