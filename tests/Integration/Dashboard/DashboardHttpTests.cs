using System.Globalization;
using System.Net;
using System.Text;
using System.Xml.Linq;
using Pinterest.Modular.Application.Analytics;
using Pinterest.Modular.Host.Api.Security;

namespace Pinterest.Modular.Tests.Integration.Dashboard;

/// <summary>The dashboard's files and charts over plain HTTP: content types, path base, API keys, empty warehouse.</summary>
public sealed class DashboardHttpTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public async Task Page_AtTheRoot_IsHtmlThatLoadsItsOwnScriptAndStyleSheetOnly()
    {
        await using var server = await ApiServer.StartAsync();

        using var page = await server.Client.GetAsync(new Uri("/", UriKind.Relative));
        using var script = await server.Client.GetAsync(new Uri("dashboard/dashboard.js", UriKind.Relative));
        using var style = await server.Client.GetAsync(new Uri("dashboard/dashboard.css", UriKind.Relative));

        page.StatusCode.Should().Be(HttpStatusCode.OK);
        page.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        (await page.Content.ReadAsStringAsync()).Should().Contain("src=\"dashboard/dashboard.js\"").And.Contain("href=\"dashboard/dashboard.css\"");
        page.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("script-src 'self'").And.Contain("connect-src 'self'");
        page.Headers.GetValues("Referrer-Policy").Single().Should().Be("no-referrer");
        script.StatusCode.Should().Be(HttpStatusCode.OK);
        script.Content.Headers.ContentType!.MediaType.Should().Be("text/javascript");
        (await script.Content.ReadAsStringAsync()).Should().Contain("x-api-key");
        style.Content.Headers.ContentType!.MediaType.Should().Be("text/css");
    }

    [Fact]
    public async Task Chart_OnAnEmptyWarehouse_IsAnSvgTitledWithTheQueryThatSaysThereAreNoRows()
    {
        await using var server = await ApiServer.StartAsync();

        using var response = await server.Client.GetAsync(new Uri($"dashboard/charts/{AnalyticsQuery.UsersJoinedByYear}.svg", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("image/svg+xml");
        response.Headers.CacheControl!.NoCache.Should().BeTrue();
        response.Headers.ETag.Should().NotBeNull();
        var svg = XDocument.Parse(await response.Content.ReadAsStringAsync());
        svg.Root!.Name.Should().Be(Svg + "svg");
        svg.Root.Element(Svg + "title")!.Value.Should().Be(AnalyticsQuery.UsersJoinedByYear);
        svg.Descendants(Svg + "text").Should().Contain(t => t.Value.StartsWith("No rows yet", StringComparison.Ordinal));
        var asOf = DateTimeOffset.Parse((string)svg.Root.Attribute("data-as-of")!, CultureInfo.InvariantCulture);
        asOf.Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(10));
        svg.Descendants(Svg + "text").Should().Contain(t => t.Value == $"as of {asOf.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC");
        svg.Descendants(Svg + "rect").Should().NotContain(r => (string?)r.Attribute("class") == "bar");
    }

    [Fact]
    public async Task Chart_AskedAgainWithItsETagWhileNothingChanged_Answers304WithoutDrawing()
    {
        await using var server = await ApiServer.StartAsync();
        var path = new Uri($"dashboard/charts/{AnalyticsQuery.TopCategoryByYear}.svg", UriKind.Relative);
        using var first = await server.Client.GetAsync(path);
        using var again = new HttpRequestMessage(HttpMethod.Get, path);
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        using var answer = await server.Client.SendAsync(again);

        answer.StatusCode.Should().Be(HttpStatusCode.NotModified);
        answer.Headers.ETag.Should().Be(first.Headers.ETag);
        (await answer.Content.ReadAsByteArrayAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Chart_OfAnUnknownQuery_Answers404NamingTheQueries()
    {
        await using var server = await ApiServer.StartAsync();

        using var response = await server.Client.GetAsync(new Uri("dashboard/charts/best_pins.svg", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).Should().Contain("best_pins").And.Contain(AnalyticsQuery.UsersJoinedByYear);
    }

    [Fact]
    public async Task Page_UnderAPathBase_MovesTheBareStageToItsSlashAndServesEverythingUnderIt()
    {
        await using var server = await ApiServer.StartAsync(new Dictionary<string, string?> { ["Api:PathBase"] = "/test" });
        using var noRedirects = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = server.BaseAddress };

        using var bare = await noRedirects.GetAsync(new Uri("test?key=k1", UriKind.Relative));
        using var page = await noRedirects.GetAsync(new Uri("test/", UriKind.Relative));
        using var script = await noRedirects.GetAsync(new Uri("test/dashboard/dashboard.js", UriKind.Relative));
        using var chart = await noRedirects.GetAsync(new Uri($"test/dashboard/charts/{AnalyticsQuery.TopCategoryByYear}.svg", UriKind.Relative));

        bare.StatusCode.Should().Be(HttpStatusCode.Redirect);
        bare.Headers.Location!.OriginalString.Should().Be("/test/?key=k1", "the query string (a key) goes along");
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        script.StatusCode.Should().Be(HttpStatusCode.OK);
        chart.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Keys_WhenSet_LeaveThePageAndItsFilesOpenButNotTheChartsOrTheApi()
    {
        const string key = "dashboard-http-key-71c4";
        await using var server = await ApiServer.StartAsync(new Dictionary<string, string?> { ["Api:Keys:0"] = key });
        var chartPath = $"dashboard/charts/{AnalyticsQuery.TopCategoryByCountry}.svg";

        var open = new[] { "/", "dashboard/dashboard.js", "dashboard/dashboard.css" };
        foreach (var path in open)
        {
            using var response = await server.Client.GetAsync(new Uri(path, UriKind.Relative));
            response.StatusCode.Should().Be(HttpStatusCode.OK, path);
        }

        using var chartWithout = await server.Client.GetAsync(new Uri(chartPath, UriKind.Relative));
        using var statsWithout = await server.Client.GetAsync(new Uri("api/stats", UriKind.Relative));
        using var withKey = new HttpRequestMessage(HttpMethod.Get, new Uri(chartPath, UriKind.Relative));
        withKey.Headers.Add(RequireApiKeyMiddleware.HeaderName, key);
        using var chartWith = await server.Client.SendAsync(withKey);

        chartWithout.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        statsWithout.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        chartWith.StatusCode.Should().Be(HttpStatusCode.OK);
        Encoding.UTF8.GetString(await chartWith.Content.ReadAsByteArrayAsync()).Should().StartWith("<svg");
    }
}
