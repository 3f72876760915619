using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using Pinterest.Modular.Application.Analytics;
using Pinterest.Modular.Host.Dashboard;
using Pinterest.Modular.Tests.Integration.Api;
using Route = Pinterest.Modular.Application.Routing.Route;

namespace Pinterest.Modular.Tests.Integration.Dashboard;

/// <summary>
/// The dashboard in a real browser: headless Chromium loads <c>/</c> from the real host and the tests read what a person
/// would see. The first test leaves a screenshot (see <see cref="ScreenshotPath"/>).
/// </summary>
public sealed class DashboardBrowserTests(HeadlessChromium chromium) : IClassFixture<HeadlessChromium>
{
    private const string AllChartsDrawn = "() => document.querySelectorAll('.chart[data-state=\"loaded\"]').length === 9";

    private readonly List<string> _scriptErrors = [];

    [Fact]
    public async Task Dashboard_AfterADemoRun_ShowsNineTitledChartsWithBarsAndThePipelineNumbers()
    {
        await using var server = await ApiServer.StartAsync();
        var run = await DashboardData.DemoRunAsync(server);
        var stats = await server.Client.GetJsonAsync("api/stats");
        var rejected = await server.Client.GetJsonAsync("api/rejected");

        await using var tab = await chromium.OpenTabAsync(_scriptErrors);
        var page = tab.Page;
        await page.GotoAsync(server.BaseAddress.ToString());
        await page.WaitForFunctionAsync(AllChartsDrawn);
        await page.WaitForFunctionAsync($"() => document.getElementById('stat-pins').textContent === '{Count(stats, "pins")}'");

        foreach (var name in AnalyticsQuery.All)
        {
            var chart = page.Locator($".chart[data-query=\"{name}\"]");
            (await chart.Locator("svg text.chart-title").TextContentAsync()).Should().Be(name);
            (await chart.Locator(".chart-age").TextContentAsync()).Should().MatchRegex(@"^as of .+ · \d+ s ago$", "a line under each chart says how old it is");
            var rows = (await server.Client.GetJsonAsync($"api/analytics/{name}")).GetProperty("rows").GetArrayLength();
            rows.Should().BeGreaterThan(0, "the demo run gives every query rows");
            (await chart.Locator("svg rect.bar").CountAsync()).Should().Be(Math.Min(rows, AnalyticsChart.MaxBars), name);
        }

        var topCountry = (await server.Client.GetJsonAsync($"api/analytics/{AnalyticsQuery.TopCountryByFollowers}")).GetProperty("rows")[0];
        var bar = page.Locator($".chart[data-query=\"{AnalyticsQuery.TopCountryByFollowers}\"] rect.bar");
        (await bar.GetAttributeAsync("data-label")).Should().Be(topCountry.GetProperty("country").GetString());
        (await bar.GetAttributeAsync("data-value")).Should().Be(topCountry.GetProperty("follower_count").GetInt64().ToString(CultureInfo.InvariantCulture));

        (await page.TextContentAsync("#stat-geo")).Should().Be(Count(stats, "geo"));
        (await page.TextContentAsync("#stat-users")).Should().Be(Count(stats, "users"));
        (await page.TextContentAsync("#stat-rejected")).Should().Be("2");
        (await page.Locator("#topics tbody tr").AllInnerTextsAsync()).Should().Equal(
            stats.GetProperty("topics").EnumerateArray().Select(t => Cells(t, "name", "kind", "accepted", "landed", "processed")));
        (await page.Locator("#streams tbody tr").AllInnerTextsAsync()).Should().Equal(
            stats.GetProperty("streams").EnumerateArray().Select(s => Cells(s, "name", "kind", "accepted", "processed") + "\t0 ms"));
        var logs = stats.GetProperty("retained_logs").EnumerateArray().ToList();
        logs.Should().NotBeEmpty("the embedded default keeps its topics and streams in logs on disk");
        (await page.Locator("#retained tbody tr").AllInnerTextsAsync()).Select(row => string.Join('\t', row.Split('\t').Take(2))).Should().Equal(
            logs.Select(l => $"{l.GetProperty("log").GetString()}\t{Bytes(l.GetProperty("retained_bytes").GetInt64())}"),
            "the page shows the bytes each embedded log keeps on disk (issue 17)");
        var runRow = await page.Locator("#runs tbody tr").First.InnerTextAsync();
        runRow.Should().Contain("succeeded").And.Contain(Count(run, "rows_upserted"));
        var reasons = await page.Locator("#rejected tbody").InnerTextAsync();
        foreach (var item in rejected.GetProperty("items").EnumerateArray())
        {
            reasons.Should().Contain(item.GetProperty("reason").GetString());
        }

        (await page.TextContentAsync("#status")).Should().StartWith("live");
        _scriptErrors.Should().BeEmpty();

        var shot = ScreenshotPath();
        Directory.CreateDirectory(Path.GetDirectoryName(shot)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = shot, FullPage = true });
        new FileInfo(shot).Length.Should().BeGreaterThan(10_000);

        // Live: a user arriving on the stream shows up without a reload.
        await OperationsRecords.PostAsync(server, Route.Stream, OperationsRecords.Stream("user"), OperationsRecords.User(900_003));
        var users = (stats.GetProperty("users").GetInt64() + 1).ToString("N0", CultureInfo.InvariantCulture);
        await page.WaitForFunctionAsync($"() => document.getElementById('stat-users').textContent === '{users}'");
    }

    [Fact]
    public async Task Dashboard_WhenKeysAreSet_AsksForOneAndShowsTheDataOnceGiven()
    {
        const string key = "dashboard-key-5d1e9b";
        await using var server = await ApiServer.StartAsync(new Dictionary<string, string?> { ["Api:Keys:0"] = key });

        await using var askingTab = await chromium.OpenTabAsync(_scriptErrors);
        var asking = askingTab.Page;
        await asking.GotoAsync(server.BaseAddress.ToString());
        await asking.WaitForSelectorAsync("#key-form:not([hidden])");
        (await asking.TextContentAsync("#stat-pins")).Should().Be("–", "nothing is shown without the key");
        await asking.FillAsync("#key-input", key);
        await asking.ClickAsync("#key-form button");
        await asking.WaitForFunctionAsync(AllChartsDrawn);
        (await asking.TextContentAsync("#stat-pins")).Should().Be("0");
        (await asking.IsHiddenAsync("#key-form")).Should().BeTrue();

        await using var linkedTab = await chromium.OpenTabAsync(_scriptErrors);
        var linked = linkedTab.Page;
        await linked.GotoAsync(new Uri(server.BaseAddress, $"?key={key}").ToString());
        await linked.WaitForFunctionAsync(AllChartsDrawn);
        linked.Url.Should().NotContain(key, "the key leaves the address bar once it is kept");
        (await linked.Locator(".chart svg text.empty").CountAsync()).Should().Be(9, "an empty warehouse has no rows to draw");
        _scriptErrors.Should().BeEmpty();
    }

    /// <summary>
    /// Where the screenshot goes: <c>PM_DASHBOARD_SCREENSHOT</c> if set (relative to the repository, e.g.
    /// <c>docs/dashboard.png</c> to refresh the README's picture), else <c>artifacts/dashboard.png</c> (ignored by git).
    /// </summary>
    private static string ScreenshotPath()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Pinterest.Modular.sln")))
        {
            root = root.Parent;
        }

        var repository = root?.FullName ?? Directory.GetCurrentDirectory();
        var chosen = Environment.GetEnvironmentVariable("PM_DASHBOARD_SCREENSHOT");
        return Path.GetFullPath(string.IsNullOrEmpty(chosen) ? Path.Combine("artifacts", "dashboard.png") : chosen, repository);
    }

    /// <summary>A table row's text as the browser gives it: cells separated by tabs, numbers as <see cref="Count"/> writes them.</summary>
    private static string Cells(JsonElement element, params string[] properties) =>
        string.Join('\t', properties.Select(p => element.GetProperty(p).ValueKind == JsonValueKind.Number ? Count(element, p) : element.GetProperty(p).GetString()));

    /// <summary>Bytes as the page writes them: 512 B, 1.5 KiB, 2.0 MiB.</summary>
    private static string Bytes(long value)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        double scaled = value;
        var unit = 0;
        while (scaled >= 1024 && unit < units.Length - 1)
        {
            scaled /= 1024;
            unit++;
        }

        return unit == 0 ? $"{value} B" : string.Create(CultureInfo.InvariantCulture, $"{scaled:F1} {units[unit]}");
    }

    private static string Count(JsonElement element, string property) =>
        element.GetProperty(property).GetInt64().ToString("N0", CultureInfo.InvariantCulture); // 1,234 as the page writes it
}
