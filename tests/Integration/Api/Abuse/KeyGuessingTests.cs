using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Pinterest.Modular.Tests.Integration.Api.Abuse;

/// <summary>Guessing API keys (issue 17): wrong keys are limited per client address, before the key is checked.</summary>
public sealed class KeyGuessingTests
{
    private const string Key = "abuse-suite-key-7c41e9b2";

    [Fact]
    public async Task WrongKeys_PastTheLimit_Answer429WithRetryAfter_EvenForTheRightKey_AndOnlyForThatAddress()
    {
        await using var server = await ApiServer.StartAsync(new Dictionary<string, string?>
        {
            ["Api:Keys:0"] = Key,
            ["Api:RateLimit:FailedKeysPerMinute"] = "3",
        });
        using var other = ClientFrom(IPAddress.Parse("127.0.0.2"), server.BaseAddress);

        var guesses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            guesses.Add(await StatusAsync(server.Client, "guess-" + i));
        }

        guesses.Add(await StatusAsync(server.Client, key: null));
        using var refused = await SendAsync(server.Client, Key);
        var otherAddress = await StatusAsync(other, Key);
        using var health = await server.Client.GetAsync(new Uri("health", UriKind.Relative));

        guesses.Should().Equal(HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.TooManyRequests);
        refused.StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "once the address is over its limit no key is checked, the right one neither");
        refused.Headers.RetryAfter!.Delta.Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1));
        (await refused.Content.ReadAsStringAsync()).Should().Be("""{"message":"Too Many Requests"}""");
        otherAddress.Should().Be(HttpStatusCode.OK, "another client address keeps its own budget");
        health.StatusCode.Should().Be(HttpStatusCode.OK, "health checks want no key");
    }

    [Fact]
    public async Task RightKeys_AreNeverCountedAsFailures()
    {
        await using var server = await ApiServer.StartAsync(new Dictionary<string, string?>
        {
            ["Api:Keys:0"] = Key,
            ["Api:RateLimit:FailedKeysPerMinute"] = "1",
        });

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 20; i++)
        {
            statuses.Add(await StatusAsync(server.Client, Key));
        }

        statuses.Should().AllBeEquivalentTo(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("a1")]
    [InlineData("fifteen-chars-k")]
    public async Task Start_WithAKeyShorterThan16Characters_FailsNamingApiKeys(string key)
    {
        var start = () => SecurityTestHost.StartAsync(new Dictionary<string, string?> { ["Api:Keys:0"] = key });

        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Message
            .Should().Contain("Api:Keys:0").And.Contain("at least 16").And.NotContain(key);
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, string? key)
    {
        using var response = await SendAsync(client, key);
        return response.StatusCode;
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/stats");
        if (key is not null)
        {
            request.Headers.Add("x-api-key", key);
        }

        return client.SendAsync(request);
    }

    /// <summary>A client whose connections leave from <paramref name="local"/> (any 127.x address is this machine's).</summary>
    private static HttpClient ClientFrom(IPAddress local, Uri server)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    socket.Bind(new IPEndPoint(local, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = server };
    }
}
