using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;

namespace Pinterest.Modular.Tests.Integration.Api;

public sealed class SecurityApiKeyTests(SecurityKeyedServerFixture fixture) : IClassFixture<SecurityKeyedServerFixture>
{
    private const string WrongKey = "wrong-key-a1b2c3d4e5";

    [Theory]
    [InlineData("api/stats")]
    [InlineData("api/pins/1")]
    [InlineData("api/rejected")]
    [InlineData("api/jobs/batch")]
    [InlineData("api/analytics/users_joined_by_year")]
    [InlineData("openapi/v1.json")]
    [InlineData("swagger/index.html")]
    [InlineData("no/such/endpoint")]
    public async Task Get_WithoutAKey_Answers403LikeApiGateway(string path)
    {
        using var response = await SendAsync(HttpMethod.Get, path, key: null);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        (await response.Content.ReadAsStringAsync()).Should().Be("""{"message":"Forbidden"}""");
    }

    [Theory]
    [InlineData(WrongKey)]
    [InlineData("FIRST-KEY-3F9C2A7D1B")]
    [InlineData("first-key-3f9c2a7d1")]
    public async Task Get_WithAKeyThatIsNotConfigured_Answers403(string key)
    {
        using var response = await SendAsync(HttpMethod.Get, "api/stats", key);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData(SecurityKeyedServerFixture.FirstKey)]
    [InlineData(SecurityKeyedServerFixture.SecondKey)]
    public async Task Get_WithAConfiguredKey_Answers200(string key)
    {
        using var response = await SendAsync(HttpMethod.Get, "api/stats", key);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Get_WithTheKeyHeaderTwice_Answers403()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/stats");
        request.Headers.TryAddWithoutValidation("x-api-key", [SecurityKeyedServerFixture.FirstKey, SecurityKeyedServerFixture.SecondKey]);

        using var response = await fixture.Host.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("health")]
    [InlineData("health/ready")]
    public async Task Health_WithoutAKey_Answers200(string path)
    {
        using var response = await SendAsync(HttpMethod.Get, path, key: null);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task PostBatchJob_WithoutAKey_QueuesNothing()
    {
        using var refused = await SendAsync(HttpMethod.Post, "api/jobs/batch", key: null);
        using var history = await SendAsync(HttpMethod.Get, "api/jobs/batch", SecurityKeyedServerFixture.FirstKey);

        refused.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await history.Content.ReadAsStringAsync()).Should().Be("[]");
    }

    [Fact]
    public async Task Log_AfterRefusedAndAcceptedRequests_HoldsNoKey()
    {
        using (await SendAsync(HttpMethod.Get, "api/rejected", WrongKey))
        using (await SendAsync(HttpMethod.Get, "api/rejected", SecurityKeyedServerFixture.SecondKey))
        {
        }

        var log = fixture.Host.Log;
        log.Entries.Should().Contain(e => e.Text.Contains("x-api-key matches no configured key", StringComparison.Ordinal), "the refusal is logged, without the key");
        log.Entries.Should().Contain(e => e.Level == LogLevel.Information && e.Text.Contains("API keys: 2 configured", StringComparison.Ordinal));
        log.AllText.Should().NotContain(WrongKey).And.NotContain(SecurityKeyedServerFixture.FirstKey).And.NotContain(SecurityKeyedServerFixture.SecondKey);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? key)
    {
        using var request = new HttpRequestMessage(method, path);
        if (key is not null)
        {
            request.Headers.Add("x-api-key", key);
        }

        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return await fixture.Host.Client.SendAsync(request);
    }
}
