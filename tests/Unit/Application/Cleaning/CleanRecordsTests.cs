using System.Text;
using MassTransit;
using Pinterest.Modular.Application.Cleaning;
using Pinterest.Modular.Application.Persistence;
using Pinterest.Modular.Domain.Common;
using Pinterest.Modular.Domain.Geo;
using Pinterest.Modular.Domain.Pins;
using Pinterest.Modular.Domain.Users;

namespace Pinterest.Modular.Tests.Unit.Application.Cleaning;

/// <summary><see cref="CleanRecords"/> through the mediator: clean handler, persist handler, fake warehouse.</summary>
public class CleanRecordsTests
{
    private static RawRecord Raw(string source, string json) => new(source, Encoding.UTF8.GetBytes(json));

    private static async Task<RecordsStored> CleanAsync(ApplicationTestHost host, CleanRecords command)
    {
        var response = await host.Mediator.CreateRequestClient<CleanRecords>().GetResponse<RecordsStored>(command, host.Timeout);
        return response.Message;
    }

    [Fact]
    public async Task Clean_PersistsCleanedRowsRejectionsAndMarksInOneCall()
    {
        await using var host = new ApplicationTestHost();
        ProgressMark[] marks = [new("landing", "topics/pinterest.pin/partition=0/pinterest.pin+0+0000000000.json", "etag-1")];

        var stored = await CleanAsync(host, new CleanRecords(
            RecordKind.Pin,
            [
                Raw("pinterest.pin/0/0", """{"index":1,"title":"One","save_location":"Local save in /data/art"}"""),
                Raw("pinterest.pin/0/1", """{"title":"no key"}"""),
                Raw("pinterest.pin/0/2", """{"index":2,"title":"No Title Data Available"}"""),
            ],
            marks));

        var call = host.Warehouse.Calls.Should().ContainSingle().Subject;
        call.Marks.Should().Equal(marks);
        call.Batch.Pins.Should().Equal(
            new Pin(1, null, "One", null, null, null, null, null, null, "/data/art", null),
            new Pin(2, null, null, null, null, null, null, null, null, null, null));
        call.Batch.Geos.Should().BeEmpty();
        call.Batch.Users.Should().BeEmpty();
        call.Batch.Rejected.Should().Equal(new RejectedRecord(
            RecordKind.Pin, "pinterest.pin/0/1", "index is missing", """{"title":"no key"}""", ManualClock.DefaultStart));
        stored.Should().Be(new RecordsStored(RowsUpserted: 2, Rejected: 1, ValueIssues: 0));
    }

    [Fact]
    public async Task Clean_WhenOnlyMarksAreGiven_StillPersistsThem()
    {
        await using var host = new ApplicationTestHost();
        ProgressMark[] marks = [new("stream", "shardId-000000000000", "49590338271490256608559692538361571095921575989136588898")];

        var stored = await CleanAsync(host, new CleanRecords(RecordKind.Geo, [], marks));

        var call = host.Warehouse.Calls.Should().ContainSingle().Subject;
        call.Marks.Should().Equal(marks);
        call.Batch.RowCount.Should().Be(0);
        stored.Should().Be(new RecordsStored(0, 0, 0));
    }

    [Fact]
    public async Task Clean_WhenTheSameIndComesTwiceInABatch_KeepsTheLastRow()
    {
        await using var host = new ApplicationTestHost();

        await CleanAsync(host, new CleanRecords(
            RecordKind.User,
            [
                Raw("s/0/1", """{"ind":5,"first_name":"Old","age":20}"""),
                Raw("s/0/2", """{"ind":6,"first_name":"Other","age":30}"""),
                Raw("s/0/3", """[{"ind":5,"first_name":"Newer","age":21},{"ind":5,"first_name":"Newest","age":22}]"""),
            ],
            []));

        host.Warehouse.Calls.Single().Batch.Users.Should().BeEquivalentTo(
            [new User(5, "Newest", 22, null), new User(6, "Other", 30, null)]);
    }

    [Fact]
    public async Task Clean_WhenRowsOfAnArrayAreRejected_KeepsTheirOwnSourceAndJson()
    {
        await using var host = new ApplicationTestHost();
        host.Clock.Advance(TimeSpan.FromMinutes(5));

        var stored = await CleanAsync(host, new CleanRecords(
            RecordKind.Geo,
            [Raw("streaming-pinterest-geo/shardId-000000000000/4957", """[{"ind":1,"latitude":10,"longitude":20},{"ind":2,"latitude":95,"longitude":20}, 7]""")],
            []));

        var batch = host.Warehouse.Calls.Single().Batch;
        batch.Geos.Should().Equal(new GeoLocation(1, null, new Coordinates(10, 20), null));
        batch.Rejected.Select(r => (r.Source, r.RawJson)).Should().Equal(
            ("streaming-pinterest-geo/shardId-000000000000/4957#1", """{"ind":2,"latitude":95,"longitude":20}"""),
            ("streaming-pinterest-geo/shardId-000000000000/4957#2", "7"));
        batch.Rejected.Should().AllSatisfy(r =>
        {
            r.Kind.Should().Be(RecordKind.Geo);
            r.RejectedAt.Should().Be(ManualClock.DefaultStart.AddMinutes(5));
        });
        batch.Rejected[0].Reason.Should().Contain("latitude");
        stored.Rejected.Should().Be(2);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("""{"ind":1,""")]
    [InlineData("\"a string\"")]
    public async Task Clean_WhenAWholeRecordIsRejected_KeepsItsRawTextUnderTheRecordSource(string json)
    {
        await using var host = new ApplicationTestHost();

        await CleanAsync(host, new CleanRecords(RecordKind.User, [Raw("pinterest.user/2/99", json)], []));

        var rejected = host.Warehouse.Calls.Single().Batch.Rejected.Should().ContainSingle().Subject;
        rejected.Source.Should().Be("pinterest.user/2/99");
        rejected.RawJson.Should().Be(json);
        rejected.Reason.Should().NotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task Clean_WhenValuesAreDroppedToNull_CountsThemAsIssuesAndKeepsTheRow()
    {
        await using var host = new ApplicationTestHost();

        var stored = await CleanAsync(host, new CleanRecords(
            RecordKind.Pin,
            [
                Raw("t/0/0", """{"index":1,"follower_count":"lots"}"""),
                Raw("t/0/1", """[{"index":2,"follower_count":"12x"},{"index":3,"follower_count":"6M"}]"""),
            ],
            []));

        stored.Should().Be(new RecordsStored(RowsUpserted: 3, Rejected: 0, ValueIssues: 2));
        host.Warehouse.Calls.Single().Batch.Pins.Select(p => p.FollowerCount).Should().Equal(null, null, 6_000_000);
    }

    [Fact]
    public async Task Clean_ReportsWhatTheWarehouseStored_NotWhatWasCleaned()
    {
        await using var host = new ApplicationTestHost();
        host.Warehouse.Outcome = new PersistOutcome(RowsUpserted: 1, RejectedStored: 0); // a replay: the rejection is already kept

        var stored = await CleanAsync(host, new CleanRecords(
            RecordKind.Pin, [Raw("a", """{"index":1,"follower_count":"?"}"""), Raw("b", "{}")], []));

        stored.Should().Be(new RecordsStored(RowsUpserted: 1, Rejected: 0, ValueIssues: 1));
    }

    [Theory]
    [InlineData("Batch")]
    [InlineData("Stream")]
    [InlineData("Batch,Stream")]
    public async Task Clean_GivesTheSameBatchWhicheverRoutesAreOpen(string routes)
    {
        await using var host = new ApplicationTestHost(new Dictionary<string, string?>
        {
            ["Pipeline:Routes:pin"] = routes,
            ["Pipeline:Routes:geo"] = routes,
            ["Pipeline:Routes:user"] = routes,
        });

        await CleanAsync(host, new CleanRecords(
            RecordKind.Geo,
            [Raw("src/1", """{"ind":1,"country":"Chad","latitude":"1.5","longitude":2,"timestamp":"2020:08:28 03:52:47"}"""), Raw("src/2", "{}")],
            []));

        var batch = host.Warehouse.Calls.Single().Batch;
        batch.Geos.Should().Equal(new GeoLocation(1, "Chad", new Coordinates(1.5, 2), new DateTime(2020, 8, 28, 3, 52, 47, DateTimeKind.Utc)));
        batch.Rejected.Should().Equal(new RejectedRecord(RecordKind.Geo, "src/2", "ind is missing", "{}", ManualClock.DefaultStart));
    }

    [Fact]
    public void CleanRecords_CarriesNoRouteOrDestination()
    {
        typeof(CleanRecords).GetProperties().Select(p => p.Name).Should().BeEquivalentTo("Kind", "Records", "Marks");
        typeof(CleanRecordsConsumer).GetConstructors().Single().GetParameters().Select(p => p.ParameterType)
            .Should().NotContain(t => t.Namespace == typeof(Pinterest.Modular.Application.Routing.RouteTable).Namespace);
    }

    [Fact]
    public async Task Clean_WhenTheWarehouseFails_FailsTheRequestAndStoresNothing()
    {
        await using var host = new ApplicationTestHost();
        host.Warehouse.FailPersistWith = new InvalidOperationException("database is locked");

        var act = () => CleanAsync(host, new CleanRecords(RecordKind.Pin, [Raw("a", """{"index":1}""")], []));

        (await act.Should().ThrowAsync<RequestException>()).Which.ToString().Should().Contain("database is locked");
        host.Warehouse.Calls.Should().BeEmpty();
    }
}
