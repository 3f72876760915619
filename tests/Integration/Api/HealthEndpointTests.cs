using System.Net;

namespace Pinterest.Modular.Tests.Integration.Api;

public sealed class HealthEndpointTests
{
    [Fact]
    public async Task Health_OnARealPort_AnswersOk()
    {
        await using var server = await ApiServer.StartAsync();

        using var response = await server.Client.GetAsync(new Uri("health", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Health_UnderThePathBase_AnswersOk()
    {
        await using var server = await ApiServer.StartAsync(new Dictionary<string, string?> { ["Api:PathBase"] = "/test" });

        using var response = await server.Client.GetAsync(new Uri("test/health", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
