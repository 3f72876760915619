using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Pinterest.Modular.Application.Routing;
using Pinterest.Modular.Domain.Common;
using Pinterest.Modular.Tests.Integration.Api;

namespace Pinterest.Modular.Tests.Integration.Reliability;

/// <summary>
/// A transport that refuses writes: ingest answers 503 with <c>Retry-After</c> in the client's own dialect (REST proxy
/// error code 50003, Kinesis <c>ServiceUnavailableException</c>), never a hang, never a 200 for records it does not hold.
/// </summary>
[Collection(ReliabilityGroup.Name)]
public sealed class TransportUnavailableTests
{
    private static Task<ApiServer> StartRefusingAsync() => ApiServer.StartAsync(
        EmulatorPayloads.Settings(),
        configureServices: services =>
        {
            var refusing = new RefusingTransport();
            services.RemoveAll<ITopicWriter>();
            services.RemoveAll<IStreamWriter>();
            services.AddSingleton<ITopicWriter>(refusing);
            services.AddSingleton<IStreamWriter>(refusing);
        });

    // TODO(kinesis): the same through Pipeline:StreamTransport=Kinesis with kinesalite behind a TcpForwarder that is cut.
    // TODO(kafka): the same through Pipeline:BatchTransport=Kafka with the broker behind a TcpForwarder that is cut.
    [Theory]
    [InlineData("batch", "error_code", "50003")]
    [InlineData("stream", "__type", "ServiceUnavailableException")]
    public async Task Ingest_WhenTheTransportRefusesWrites_Answers503WithRetryAfterInTheRouteDialect(string route, string field, string expected)
    {
        await using var server = await StartRefusingAsync();
        var on = Enum.Parse<Route>(route, ignoreCase: true);

        using var request = UniqueRows.Request(on, RecordKind.Geo, [UniqueRows.Row(RecordKind.Geo, 1)]);
        using var response = await server.Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, body);
        response.Headers.RetryAfter.Should().NotBeNull("a client must be told when to try again");
        response.Headers.RetryAfter!.Delta.Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1));
        using var json = JsonDocument.Parse(body);
        json.RootElement.GetProperty(field).ToString().Should().Be(expected);
        json.RootElement.GetProperty("message").GetString().Should().Contain(RefusingTransport.Reason);
    }

    [Fact]
    public async Task PutRecord_WhenTheStreamRefusesWrites_Answers503WithRetryAfter()
    {
        await using var server = await StartRefusingAsync();
        var stream = UniqueRows.Destination(Route.Stream, RecordKind.User);
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri($"streams/{stream}/record", UriKind.Relative))
        {
            Content = new StringContent(EmulatorPayloads.PutRecord(stream, EmulatorPayloads.User), Encoding.UTF8, EmulatorPayloads.Json),
        };

        using var response = await server.Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, body);
        response.Headers.RetryAfter?.Delta.Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1));
        body.Should().Contain("\"__type\":\"ServiceUnavailableException\"");
    }

    [Fact]
    public async Task Stats_WhenTheTransportRefusesWrites_CountNothingAccepted()
    {
        await using var server = await StartRefusingAsync();
        using var request = UniqueRows.Request(Route.Batch, RecordKind.Pin, [UniqueRows.Row(RecordKind.Pin, 1)]);
        using var refused = await server.Client.SendAsync(request);

        var stats = await server.Client.GetJsonAsync("api/stats");

        refused.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        stats.GetProperty("topics").EnumerateArray().Select(t => t.GetProperty("accepted").GetInt64()).Should().AllBeEquivalentTo(0L);
    }
}
