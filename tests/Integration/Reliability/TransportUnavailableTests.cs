using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Pinterest.Modular.Application.Routing;
using Pinterest.Modular.Domain.Common;
using Pinterest.Modular.Tests.Integration.Api;
using Xunit.Abstractions;

namespace Pinterest.Modular.Tests.Integration.Reliability;

/// <summary>
/// A transport that refuses writes: ingest answers 503 with <c>Retry-After</c> in the client's own dialect (REST proxy
/// error code 50003, Kinesis <c>ServiceUnavailableException</c>), never a hang, never a 200 for records it does not hold.
/// First with a stand-in that refuses everything, then with the real transports taken away and given back: Kafka's
/// brokers set down on the mock cluster, kinesalite behind a <see cref="TcpForwarder"/> that is cut.
/// </summary>
[Collection(ReliabilityGroup.Name)]
public sealed class TransportUnavailableTests(ITestOutputHelper output)
{
    private const int RecordsPerRequest = 5;

    /// <summary>Kafka:RequestTimeoutMs of the Kafka row: how long a produce waits for the brokers' acknowledgement.</summary>
    private static readonly TimeSpan KafkaRequestTimeout = TimeSpan.FromMilliseconds(1500);

    /// <summary>Beyond Kafka:RequestTimeoutMs, the writer's grace for the last delivery report (KafkaTopicWriter), and slack.</summary>
    private static readonly TimeSpan KafkaAnswerBound = KafkaRequestTimeout + TimeSpan.FromSeconds(2 + 1.5);

    /// <summary>Kinesis:RequestTimeout × Kinesis:MaxAttempts of the Kinesis row, their backoff between, and slack.</summary>
    private static readonly TimeSpan KinesisAnswerBound = (2 * TimeSpan.FromSeconds(1)) + TimeSpan.FromSeconds(0.2 + 1.5);

    /// <summary>How long the transport may take to be usable again once it is back (librdkafka's reconnect backoff is up to 10 s).</summary>
    private static readonly TimeSpan RecoveryDeadline = TimeSpan.FromSeconds(30);

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

    [Fact]
    public async Task Produce_WhenKafkasBrokersGoDownAndComeBack_Answers503With50003InTime_ThenLandsAndStoresEveryAcknowledgedRecordOnce()
    {
        using var row = await TransportRows.OpenAsync(Route.Batch, TransportRows.Kafka);
        var settings = new Dictionary<string, string?>
        {
            ["Kafka:RequestTimeoutMs"] = ((int)KafkaRequestTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
        };
        await using var host = await HostUnderLoad.StartAsync(Route.Batch, row.Settings, WarehouseTarget.Sqlite, settings);

        var brokers = row.Kafka!;
        await ThroughOutageAsync(host, brokers.SetBrokersDown, brokers.SetBrokersUp, KafkaAnswerBound, "error_code", "50003");
    }

    [Fact]
    public async Task PutRecords_WhenKinesisGoesAwayAndComesBack_Answers503ServiceUnavailableInTime_ThenStoresEveryAcknowledgedRecordOnce()
    {
        var kinesalite = TestServers.KinesisServiceUrl;
        await using var forwarder = new TcpForwarder(kinesalite.Host, kinesalite.Port);
        using var row = await TransportRows.OpenAsync(Route.Stream, TransportRows.Kinesis);
        var settings = new Dictionary<string, string?>
        {
            ["Kinesis:ServiceUrl"] = $"http://127.0.0.1:{forwarder.Port}",
            ["Kinesis:RequestTimeout"] = "00:00:01",
            ["Kinesis:MaxAttempts"] = "2",
            ["Kinesis:RetryBaseDelay"] = "00:00:00.05",
            ["Kinesis:RetryMaxDelay"] = "00:00:00.2",
        };
        await using var host = await HostUnderLoad.StartAsync(Route.Stream, row.Settings, WarehouseTarget.Sqlite, settings);

        await ThroughOutageAsync(host, forwarder.Cut, forwarder.Restore, KinesisAnswerBound, "__type", "ServiceUnavailableException");
        forwarder.Refused.Should().BePositive("the host's requests met the cut, not some other failure");
    }

    /// <summary>
    /// Records accepted before the outage; during it, every request (PutRecords / produce of every kind, and on the
    /// stream route a PutRecord too) answered 503 in the route's dialect with <c>Retry-After</c> within
    /// <paramref name="bound"/>; once the transport is back, ingest takes records again; then every acknowledged
    /// record is stored exactly once (<see cref="DeliveryCheck"/>, the transport read back included) and no record of
    /// a 503 from the outage is anywhere: it was refused before it reached the transport, so a client's retry cannot
    /// make a duplicate.
    /// </summary>
    private async Task ThroughOutageAsync(HostUnderLoad host, Action cut, Action restore, TimeSpan bound, string field, string expected)
    {
        var clock = Stopwatch.StartNew();
        foreach (var kind in RecordKinds.All)
        {
            (await PostAsync(host, kind, RecordsPerRequest)).Status.Should().Be(HttpStatusCode.OK, "the transport is up");
        }

        output.WriteLine($"{clock.Elapsed:mm\\:ss\\.f} {host.Ledger.AckedCount} acked; transport away");
        cut();
        var requests = RecordKinds.All.Select(kind => PostAsync(host, kind, RecordsPerRequest)).ToList();
        if (host.Route == Route.Stream)
        {
            requests.Add(PostAsync(host, RecordKind.User, 1)); // one record: PutRecord
        }

        foreach (var refused in await Task.WhenAll(requests))
        {
            output.WriteLine($"{refused.Status} in {refused.Elapsed.TotalMilliseconds:N0} ms: {refused.Body}");
            if (refused.Status != HttpStatusCode.ServiceUnavailable)
            {
                output.WriteLine(string.Join(Environment.NewLine, host.ServeProblems));
            }

            refused.Status.Should().Be(HttpStatusCode.ServiceUnavailable, refused.Body);
            refused.RetryAfter.Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1), "a client must be told when to try again");
            refused.Elapsed.Should().BeLessThan(bound, "an unreachable transport is reported within its timeouts, never a hang");
            using var json = JsonDocument.Parse(refused.Body);
            json.RootElement.GetProperty(field).ToString().Should().Be(expected);
            json.RootElement.GetProperty("message").GetString().Should().NotBeNullOrWhiteSpace();
        }

        output.WriteLine($"{clock.Elapsed:mm\\:ss\\.f} transport back");
        restore();
        foreach (var kind in RecordKinds.All)
        {
            await Poll.UntilAsync(
                async () => (await PostAsync(host, kind, RecordsPerRequest, unknownIfRefused: true)).Status,
                status => status == HttpStatusCode.OK,
                $"a {kind} request to be taken again",
                RecoveryDeadline);
        }

        output.WriteLine($"{clock.Elapsed:mm\\:ss\\.f} {host.Ledger.AckedCount} acked; drain");
        await host.DrainAsync();
        await host.AssertEveryAckedRecordStoredOnceAsync();
        output.WriteLine($"{clock.Elapsed:mm\\:ss\\.f} checked");
    }

    /// <summary>
    /// One request of new keys; a 200 acknowledges them in the ledger. A refusal leaves them out of it (so the check
    /// fails if any of them is stored), unless <paramref name="unknownIfRefused"/>: while a transport comes back, a
    /// record may reach it though its request timed out.
    /// </summary>
    private static async Task<IngestAnswer> PostAsync(HostUnderLoad host, RecordKind kind, int records, bool unknownIfRefused = false)
    {
        var keys = host.Ledger.Reserve(records);
        using var request = UniqueRows.Request(host.Route, kind, keys.Select(k => UniqueRows.Row(kind, k)), oneRecord: records == 1);
        var clock = Stopwatch.StartNew();
        using var response = await host.Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode == HttpStatusCode.OK)
        {
            host.Ledger.Acked(kind, keys);
        }
        else if (unknownIfRefused)
        {
            host.Ledger.Unknown(kind, keys);
        }

        return new IngestAnswer(response.StatusCode, response.Headers.RetryAfter?.Delta, body, clock.Elapsed);
    }

    private sealed record IngestAnswer(HttpStatusCode Status, TimeSpan? RetryAfter, string Body, TimeSpan Elapsed);
}
