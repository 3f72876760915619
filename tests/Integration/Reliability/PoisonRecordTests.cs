using System.Net;
using System.Text;
using System.Text.Json;
using Pinterest.Modular.Application.Routing;
using Pinterest.Modular.Domain.Common;
using Pinterest.Modular.Infrastructure.Embedded;
using Pinterest.Modular.Tests.Integration.Api;

namespace Pinterest.Modular.Tests.Integration.Reliability;

/// <summary>
/// Poison records never stall a route: what ingest can tell is bad is refused at the door (400/422), what it cannot
/// (rows that fail cleaning, bytes a producer put on the transport without the proxy) goes to the rejected store
/// with where it came from, and the records after them are stored.
/// </summary>
[Collection(ReliabilityGroup.Name)]
public sealed class PoisonRecordTests : IDisposable
{
    /// <summary>Bytes a producer that bypassed the proxy put on the transport (Kafka and Kinesis take any bytes).</summary>
    private static readonly string[] Garbage = ["{\"ind\": 7, \"country\": ", "42", "{\"ind\": \"seven\", \"country\": \"Nowhere\"}"];

    private readonly TempDir _dataDir = new("pm-poison-");

    [Theory]
    [InlineData("batch")]
    [InlineData("stream")]
    public async Task PoisonRecords_OnEitherRoute_AreRejectedWithTheirSource_AndTheRecordsAfterThemAreStored(string route)
    {
        var on = Enum.Parse<Route>(route, ignoreCase: true);
        var geo = UniqueRows.Destination(on, RecordKind.Geo);
        var user = UniqueRows.Destination(on, RecordKind.User);
        await SeedLogAsync(on == Route.Batch ? EmbeddedLogStore.TopicPartitionPath(_dataDir.Path, geo, 0) : EmbeddedLogStore.StreamShardPath(_dataDir.Path, geo));
        await using var server = await ApiServer.StartAsync(RouteSettings(on), _dataDir.Path);

        // Refused at the door: not JSON, and JSON that is not a row.
        (await SendRawAsync(server.Client, on, RecordKind.Geo, "{\"records\": [{\"value\": {\"ind\": 1,")).Should().Be(HttpStatusCode.BadRequest);
        (await SendRawAsync(server.Client, on, RecordKind.Geo, Body(on, "42"))).Should().BeOneOf(HttpStatusCode.BadRequest, HttpStatusCode.UnprocessableEntity);

        // Taken (the key is fine), rejected when cleaned: a latitude off the globe, a date that is none, one bad row in an array.
        var offGlobe = UniqueRows.Row(RecordKind.Geo, 101).Replace("-5.34445", "999", StringComparison.Ordinal);
        var noDate = UniqueRows.Row(RecordKind.User, 102).Replace("2016-10-23 14:06:51", "the day before yesterday", StringComparison.Ordinal);
        var mixed = "[" + UniqueRows.Row(RecordKind.Geo, 103) + ", " + UniqueRows.Row(RecordKind.Geo, 104).Replace("-5.34445", "-91", StringComparison.Ordinal) + "]";
        (await SendRawAsync(server.Client, on, RecordKind.Geo, Body(on, offGlobe))).Should().Be(HttpStatusCode.OK);
        (await SendRawAsync(server.Client, on, RecordKind.User, Body(on, noDate))).Should().Be(HttpStatusCode.OK);
        (await SendRawAsync(server.Client, on, RecordKind.Geo, Body(on, mixed))).Should().Be(HttpStatusCode.OK);

        // A huge value (a 1 MB title) is a row like any other.
        var huge = UniqueRows.Row(RecordKind.Pin, 105).Replace("25 Super Fun Summer Crafts for Kids - Of Life and Lisa", new string('x', 1_000_000), StringComparison.Ordinal);
        (await SendRawAsync(server.Client, on, RecordKind.Pin, Body(on, huge))).Should().Be(HttpStatusCode.OK);

        // The records after the poison ones.
        foreach (var kind in RecordKinds.All)
        {
            (await SendRawAsync(server.Client, on, kind, Body(on, UniqueRows.Row(kind, 200)))).Should().Be(HttpStatusCode.OK);
        }

        if (on == Route.Batch)
        {
            var (_, _, ended) = await server.Client.RunBatchJobAsync();
            ended.GetProperty("status").GetString().Should().Be("succeeded", "{0}", ended);
        }

        await Poll.UntilAsync(
            () => server.Client.GetJsonAsync("api/stats"),
            s => s.GetProperty("pins").GetInt64() == 2 && s.GetProperty("geo").GetInt64() == 2 && s.GetProperty("users").GetInt64() == 1,
            "the good rows stored",
            TimeSpan.FromSeconds(30));
        var stored = await server.Client.GetJsonAsync("api/pins/105");
        stored.GetProperty("title").GetString().Should().HaveLength(1_000_000);
        (await server.Client.GetJsonAsync("api/geo/103")).GetProperty("ind").GetInt64().Should().Be(103);
        foreach (var kind in RecordKinds.All)
        {
            (await server.Client.GetJsonAsync($"api/{(kind == RecordKind.Pin ? "pins" : kind == RecordKind.Geo ? "geo" : "users")}/200"))
                .GetProperty("ind").GetInt64().Should().Be(200);
        }

        var rejected = await server.Client.GetJsonAsync("api/rejected?pageSize=500");
        var sources = rejected.GetProperty("items").EnumerateArray()
            .Select(i => (i.GetProperty("kind").GetString(), i.GetProperty("source").GetString()))
            .ToList();
        sources.Should().BeEquivalentTo(
        [
            ("geo", Source(on, geo, 0)),
            ("geo", Source(on, geo, 1)),
            ("geo", Source(on, geo, 2)),
            ("geo", Source(on, geo, 3)),
            ("geo", Source(on, geo, 4) + "#1"),
            ("user", Source(on, user, 0)),
        ]);
    }

    public void Dispose() => _dataDir.Dispose();

    private static Dictionary<string, string?> RouteSettings(Route route)
    {
        var settings = EmulatorPayloads.Settings();
        foreach (var kind in RecordKinds.All)
        {
            settings[$"Pipeline:Routes:{kind.Name}"] = route.ToString();
        }

        return settings;
    }

    /// <summary>Where a rejected record came from: topic/partition/offset, or stream/shard/sequence number.</summary>
    private static string Source(Route route, string destination, long offset) => route == Route.Batch
        ? $"{destination}/0/{offset}"
        : $"{destination}/{EmbeddedShardSource.Shard}/{offset}";

    private static string Body(Route route, string value) =>
        route == Route.Batch ? EmulatorPayloads.Produce(value) : EmulatorPayloads.PutRecords(value);

    private static async Task<HttpStatusCode> SendRawAsync(HttpClient client, Route route, RecordKind kind, string body)
    {
        var destination = UniqueRows.Destination(route, kind);
        var answer = route == Route.Batch
            ? await HttpExchange.SendAsync(client, HttpMethod.Post, $"topics/{destination}", EmulatorPayloads.KafkaJson, body)
            : await HttpExchange.SendAsync(client, HttpMethod.Put, $"streams/{destination}/records", EmulatorPayloads.Json, body);
        return answer.Status;
    }

    private static async Task SeedLogAsync(string path)
    {
        await using var log = DurableLog.Open(path);
        await log.AppendAsync([.. Garbage.Select(g => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(g))], CancellationToken.None);
    }
}
