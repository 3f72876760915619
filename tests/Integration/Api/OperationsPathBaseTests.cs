using System.Net;

namespace Pinterest.Modular.Tests.Integration.Api;

/// <summary>With an API Gateway stage as path base, everything answers under it, links included.</summary>
public sealed class OperationsPathBaseTests
{
    [Fact]
    public async Task Operations_UnderThePathBase_AnswerAndLinkUnderIt()
    {
        await using var server = await ApiServer.StartAsync(new Dictionary<string, string?> { ["Api:PathBase"] = "/test" });

        var stats = await server.Client.GetJsonAsync("test/api/stats");
        var (queued, location, ended) = await server.Client.RunBatchJobAsync("/test");
        var document = await server.Client.GetJsonAsync("test/openapi/v1.json");
        using var ui = await server.Client.GetAsync(new Uri("test/swagger/index.html", UriKind.Relative));

        stats.GetProperty("pins").GetInt64().Should().Be(0);
        location.Should().Be($"/test/api/jobs/batch/{queued.GetProperty("id").GetInt64()}");
        ended.GetProperty("status").GetString().Should().Be("succeeded");
        document.GetProperty("servers")[0].GetProperty("url").GetString().Should().EndWith("/test");
        ui.StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
