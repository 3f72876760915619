using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Pinterest.Modular.Host.Api.Security;

namespace Pinterest.Modular.Tests.Integration.Api;

public sealed class SecurityLimitsTests
{
    private const int Limit = 1024;

    private static readonly Dictionary<string, string?> SmallBodies = new() { ["Api:MaxRequestBytes"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    [Fact]
    public async Task Post_WithADeclaredBodyOverTheLimit_Answers413BeforeTheEndpointRuns()
    {
        await using var server = await ApiServer.StartAsync(SmallBodies);

        using var response = await server.Client.PostAsync(new Uri("api/jobs/batch", UriKind.Relative), new ByteArrayContent(new byte[Limit + 1]));
        var history = await server.Client.GetStringAsync(new Uri("api/jobs/batch", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await response.Content.ReadAsStringAsync()).Should().Contain("Api:MaxRequestBytes").And.Contain($"{Limit} bytes");
        history.Should().Be("[]", "the refused request queued no run");
    }

    [Fact]
    public async Task Post_WithABodyOfExactlyTheLimit_IsNotRefused()
    {
        await using var server = await ApiServer.StartAsync(SmallBodies);

        using var response = await server.Client.PostAsync(new Uri("api/jobs/batch", UriKind.Relative), new ByteArrayContent(new byte[Limit]));

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task Post_WithAChunkedBodyOverTheLimit_ToAnEndpointThatReadsIt_Answers413ProblemDetails()
    {
        await using var host = await SecurityTestHost.StartAsync(SmallBodies, configure: app => app.MapPost("/test/echo", async (HttpRequest request) =>
        {
            using var copy = new MemoryStream();
            await request.Body.CopyToAsync(copy);
            return Results.Ok(copy.Length);
        }));
        using var content = new StreamContent(new UnknownLengthStream(new byte[Limit * 4])); // no Content-Length: sent chunked

        using var response = await host.Client.PostAsync(new Uri("test/echo", UriKind.Relative), content);

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await response.Content.ReadAsStringAsync()).Should().Contain("Api:MaxRequestBytes");
    }

    [Fact]
    public async Task Post_OverTheLimit_ToAnEndpointThatReadsItsOwnBody_LeavesTheAnswerToTheEndpoint()
    {
        // What the ingest APIs do: mark themselves, read the body, and answer 413 in their own error shape.
        await using var host = await SecurityTestHost.StartAsync(SmallBodies, configure: app => app.MapPost("/test/own", async (HttpRequest request) =>
        {
            try
            {
                await request.Body.CopyToAsync(Stream.Null);
                return Results.Ok();
            }
            catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                return Results.Json(new { error_code = 41301, message = "own shape" }, statusCode: StatusCodes.Status413PayloadTooLarge);
            }
        }).WithMetadata(ReadsOwnBody.Instance));

        using var response = await host.Client.PostAsync(new Uri("test/own", UriKind.Relative), new ByteArrayContent(new byte[Limit + 1]));

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await response.Content.ReadAsStringAsync()).Should().Contain("own shape");
    }

    [Fact]
    public async Task Get_OverATinyRateLimit_Answers429WithRetryAfter_AndHealthIsNotLimited()
    {
        await using var server = await ApiServer.StartAsync(new Dictionary<string, string?>
        {
            ["Api:RateLimit:PermitsPerSecond"] = "1",
            ["Api:RateLimit:Burst"] = "2",
        });

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 5; i++)
        {
            var response = await server.Client.GetAsync(new Uri("api/stats", UriKind.Relative));
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refused ??= response;
            }
            else
            {
                response.Dispose();
            }
        }

        using var health = await server.Client.GetAsync(new Uri("health", UriKind.Relative));

        statuses.Take(2).Should().AllBeEquivalentTo(HttpStatusCode.OK, "the burst allows two at once");
        refused.Should().NotBeNull("five requests at once exceed a burst of two: {0}", string.Join(", ", statuses));
        using (refused)
        {
            refused!.Headers.RetryAfter!.Delta.Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1));
            (await refused.Content.ReadAsStringAsync()).Should().Be("""{"message":"Too Many Requests"}""");
        }

        health.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task RateLimit_IsPerKey_SoOneCallerOverItsLimitDoesNotStopAnother()
    {
        await using var server = await ApiServer.StartAsync(new Dictionary<string, string?>
        {
            ["Api:Keys:0"] = "caller-one-key-5a1f",
            ["Api:Keys:1"] = "caller-two-key-9c3e",
            ["Api:RateLimit:PermitsPerSecond"] = "1",
            ["Api:RateLimit:Burst"] = "1",
        });

        var first = await StatusAsync(server, "caller-one-key-5a1f");
        var again = await StatusAsync(server, "caller-one-key-5a1f");
        var other = await StatusAsync(server, "caller-two-key-9c3e");

        first.Should().Be(HttpStatusCode.OK);
        again.Should().Be(HttpStatusCode.TooManyRequests);
        other.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task RateLimit_OfZeroPermits_TurnsLimitingOff()
    {
        await using var server = await ApiServer.StartAsync(new Dictionary<string, string?>
        {
            ["Api:RateLimit:PermitsPerSecond"] = "0",
            ["Api:RateLimit:Burst"] = "0",
        });

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 20; i++)
        {
            using var response = await server.Client.GetAsync(new Uri("api/analytics", UriKind.Relative));
            statuses.Add(response.StatusCode);
        }

        statuses.Should().AllBeEquivalentTo(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("Api:Keys:0", "   ", "Api:Keys:0")]
    [InlineData("Api:RateLimit:PermitsPerSecond", "-5", "Api:RateLimit:PermitsPerSecond")]
    [InlineData("Api:RateLimit:Burst", "0", "Api:RateLimit:Burst")]
    [InlineData("Api:MaxRequestBytes", "0", "Api:MaxRequestBytes")]
    public async Task Start_WithABadSetting_FailsNamingTheKey(string key, string value, string named)
    {
        var start = () => SecurityTestHost.StartAsync(new Dictionary<string, string?> { [key] = value });

        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should().Contain(named);
    }

    private static async Task<HttpStatusCode> StatusAsync(ApiServer server, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/stats");
        request.Headers.Add("x-api-key", key);
        using var response = await server.Client.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>A stream that will not tell its length, so HttpClient sends it chunked.</summary>
    private sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
