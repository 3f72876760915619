using Pinterest.Modular.Infrastructure.Embedded;
using Pinterest.Modular.Tests.Integration.Cli;

namespace Pinterest.Modular.Tests.Integration.Api;

/// <summary>
/// A 200 from the Kinesis proxy means the stream holds the record durably; the stream route then cleans it into the
/// warehouse (<c>&lt;DataDir&gt;/warehouse.db</c>, read with plain SQLite while the server runs).
/// </summary>
public sealed class KinesisProxyWarehouseTests
{
    [Fact]
    public async Task PutRecord_PinGeoAndUserOfOneEvent_LandCleanInTheirWarehouseTables()
    {
        await using var server = await ApiServer.StartAsync(EmulatorPayloads.Settings());
        var warehouse = Path.Combine(server.DataDir, "warehouse.db");

        foreach (var (stream, row) in new[]
        {
            (EmulatorPayloads.PinStream, EmulatorPayloads.Pin),
            (EmulatorPayloads.GeoStream, EmulatorPayloads.Geo),
            (EmulatorPayloads.UserStream, EmulatorPayloads.User),
        })
        {
            var answer = await HttpExchange.SendAsync(server.Client, HttpMethod.Put, $"streams/{stream}/record", EmulatorPayloads.Json, EmulatorPayloads.PutRecord(stream, row));
            answer.Status.Should().Be(System.Net.HttpStatusCode.OK, answer.ToString());
        }

        var pins = await Poll.UntilAsync(() => SqliteFile.Dump(warehouse, "pins"), rows => rows.Count > 0, "the pin in the warehouse");
        var geo = await Poll.UntilAsync(() => SqliteFile.Dump(warehouse, "geo"), rows => rows.Count > 0, "the geo row in the warehouse");
        var users = await Poll.UntilAsync(() => SqliteFile.Dump(warehouse, "users"), rows => rows.Count > 0, "the user in the warehouse");

        pins.Should().Equal(
            "2863|9bf39437-42a6-4f02-99a0-9a0383d8cd70|25 Super Fun Summer Crafts for Kids - Of Life and Lisa"
            + "|Keep the kids busy this summer with these easy diy crafts and projects. Creative and\u2026|124000|Of Life & Lisa | Lifestyle Blog"
            + "|Summer Crafts For Kids,Fun Crafts For Kids,Summer Kids,Toddler Crafts,Crafts To Do,Diy Crafts,Craft Kids,Creative Crafts,Easy Crafts"
            + "|image|https://i.pinimg.com/originals/b3/bc/e2/b3bce2964e8c8975387b39fabed5e8a4.jpg|/data/diy-and-crafts|diy-and-crafts");
        geo.Should().Equal("2863|Armenia|-5.34445|-177.924|2020-08-28 03:52:47");
        users.Should().Equal("2863|Dylan Holmes|32|2016-10-23 14:06:51");
    }

    [Fact]
    public async Task PutRecords_GeoRowsWithEachAcceptedDatetimeForm_ReadBackWithCoordinatesAndOneUtcTimestamp()
    {
        await using var server = await ApiServer.StartAsync(EmulatorPayloads.Settings());
        var warehouse = Path.Combine(server.DataDir, "warehouse.db");
        string GeoAt(int ind, string timestamp) =>
            $$"""{"ind": {{ind}}, "timestamp": "{{timestamp}}", "latitude": -5.34445, "longitude": -177.924, "country": "Armenia"}""";

        var answer = await HttpExchange.SendAsync(
            server.Client,
            HttpMethod.Put,
            $"streams/{EmulatorPayloads.GeoStream}/records",
            EmulatorPayloads.Json,
            EmulatorPayloads.PutRecords(
                GeoAt(1, "2020-08-28 03:52:47"), GeoAt(2, "2020-08-28T05:52:47+02:00"), GeoAt(3, "2020:08:28 03:52:47"), GeoAt(4, "2020-08-28T03:52:47Z")));

        answer.Status.Should().Be(System.Net.HttpStatusCode.OK, answer.ToString());
        var geo = await Poll.UntilAsync(() => SqliteFile.Dump(warehouse, "geo"), rows => rows.Count >= 4, "four geo rows in the warehouse");
        geo.Should().Equal(Enumerable.Range(1, 4).Select(ind => $"{ind}|Armenia|-5.34445|-177.924|2020-08-28 03:52:47"));
    }

    [Theory]
    [InlineData("record")]
    [InlineData("records")]
    public async Task Put_Answered200_TheRecordIsInTheStreamLogOnceTheServerHasStopped(string method)
    {
        using var dataDir = new TempDir("pm-api-");
        var body = method == "record"
            ? EmulatorPayloads.PutRecord(EmulatorPayloads.GeoStream, EmulatorPayloads.Geo)
            : EmulatorPayloads.PutRecords(EmulatorPayloads.Geo);
        await using (var server = await ApiServer.StartAsync(EmulatorPayloads.Settings(), dataDir.Path))
        {
            var answer = await HttpExchange.SendAsync(server.Client, HttpMethod.Put, $"streams/{EmulatorPayloads.GeoStream}/{method}", EmulatorPayloads.Json, body);
            answer.Status.Should().Be(System.Net.HttpStatusCode.OK, answer.ToString());
        }

        await using var log = DurableLog.Open(EmbeddedLogStore.StreamShardPath(dataDir.Path, EmulatorPayloads.GeoStream));
        log.Read(0, 10).Select(e => System.Text.Encoding.UTF8.GetString(e.Payload.Span)).Should().Equal(EmulatorPayloads.Geo);
    }
}
