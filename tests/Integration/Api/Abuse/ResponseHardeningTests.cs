using System.Net;
using System.Text;

namespace Pinterest.Modular.Tests.Integration.Api.Abuse;

/// <summary>
/// What every answer carries and withholds (issue 17): <c>nosniff</c>, no echo of the request's path, and under
/// <c>Api:PathBase</c> no route outside the stage but the health checks.
/// </summary>
public sealed class ResponseHardeningTests
{
    /// <summary>A path segment no answer has a reason to repeat.</summary>
    private const string Marker = "zq7%3Cscript%3Ezq";

    private static readonly string[] Decoded = ["zq7<script>zq", "zq7%3Cscript%3Ezq", "zq7\\u003Cscript\\u003Ezq"];

    [Fact]
    public async Task UnderAPathBase_OnlyPrefixedRoutesAnswer_ButHealthAnswersBothWays()
    {
        await using var server = await ApiServer.StartAsync(EmulatorPayloads.Settings(("Api:PathBase", "/test")));

        var prefixed = await StatusAsync(server.Client, HttpMethod.Get, "test/api/stats");
        var bare = await SendAsync(server.Client, HttpMethod.Get, "api/stats");
        var produceBare = await SendAsync(server.Client, HttpMethod.Post, $"topics/{EmulatorPayloads.PinTopic}", EmulatorPayloads.Produce(EmulatorPayloads.Pin));
        var health = await StatusAsync(server.Client, HttpMethod.Get, "health");
        var healthPrefixed = await StatusAsync(server.Client, HttpMethod.Get, "test/health");
        var dashboardBare = await StatusAsync(server.Client, HttpMethod.Get, string.Empty);

        prefixed.Should().Be(HttpStatusCode.OK);
        bare.Status.Should().Be(HttpStatusCode.NotFound, "the route is only under the stage");
        produceBare.Status.Should().Be(HttpStatusCode.NotFound, "no record is taken outside the stage");
        dashboardBare.Should().Be(HttpStatusCode.NotFound);
        health.Should().Be(HttpStatusCode.OK, "a load balancer's probe needs no stage");
        healthPrefixed.Should().Be(HttpStatusCode.OK);
        bare.Body.Should().NotContain("api/stats", "the answer does not repeat the path");
    }

    [Fact]
    public async Task EveryAnswer_CarriesNoSniff_AndNoErrorRepeatsTheRequestPath()
    {
        await using var server = await ApiServer.StartAsync(EmulatorPayloads.Settings(("Api:MaxRequestBytes", "100000")));
        var requests = new (HttpMethod Method, string Path, string? Body)[]
        {
            (HttpMethod.Get, "api/stats", null),
            (HttpMethod.Get, "health", null),
            (HttpMethod.Get, $"no/such/{Marker}", null),
            (HttpMethod.Get, $"api/pins/{Marker}", null),
            (HttpMethod.Get, $"api/jobs/batch/{Marker}", null),
            (HttpMethod.Get, $"api/analytics/{Marker}", null),
            (HttpMethod.Get, $"dashboard/charts/{Marker}.svg", null),
            (HttpMethod.Get, $"topics/{Marker}", null),
            (HttpMethod.Post, $"topics/{Marker}", EmulatorPayloads.Produce(EmulatorPayloads.Pin)),
            (HttpMethod.Post, $"topics/{Marker}/partitions/{Marker}", EmulatorPayloads.Produce(EmulatorPayloads.Pin)),
            (HttpMethod.Post, $"topics/{EmulatorPayloads.PinTopic}", "{\"records\":"),
            (HttpMethod.Post, $"topics/{EmulatorPayloads.PinTopic}", new string(' ', 200_000)),
            (HttpMethod.Get, $"streams/{Marker}", null),
            (HttpMethod.Put, $"streams/{Marker}/record", EmulatorPayloads.PutRecord(EmulatorPayloads.PinStream, EmulatorPayloads.Pin)),
            (HttpMethod.Delete, $"streams/{Marker}", null),
            (HttpMethod.Get, $"api/rejected?page={Marker}", null),
        };

        var wrong = new List<string>();
        foreach (var (method, path, body) in requests)
        {
            var answer = await SendAsync(server.Client, method, path, body);
            if (!answer.NoSniff)
            {
                wrong.Add($"{method} {path}: {(int)answer.Status} without nosniff");
            }

            if ((int)answer.Status >= 400 && Decoded.Any(form => answer.Body.Contains(form, StringComparison.Ordinal)))
            {
                wrong.Add($"{method} {path}: {(int)answer.Status} repeats the path: {answer.Body}");
            }
        }

        wrong.Should().BeEmpty("every answer carries nosniff and no error repeats the request's path");
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, HttpMethod method, string path) =>
        (await SendAsync(client, method, path)).Status;

    private static async Task<(HttpStatusCode Status, string Body, bool NoSniff)> SendAsync(HttpClient client, HttpMethod method, string path, string? body = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            request.Content.Headers.TryAddWithoutValidation("Content-Type", method == HttpMethod.Put ? EmulatorPayloads.Json : EmulatorPayloads.KafkaJson);
        }

        using var response = await client.SendAsync(request);
        var noSniff = response.Headers.TryGetValues("X-Content-Type-Options", out var values) && values.Contains("nosniff");
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), noSniff);
    }
}
