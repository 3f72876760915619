using System.Globalization;
using Pinterest.Modular.Application.Persistence;
using Pinterest.Modular.Domain.Common;
using Pinterest.Modular.Domain.Geo;
using Pinterest.Modular.Domain.Pins;
using Pinterest.Modular.Domain.Users;
using static Pinterest.Modular.Tests.Integration.Database.TestRows;

namespace Pinterest.Modular.Tests.Integration.Database;

/// <summary>
/// The persist contract of <see cref="IWarehouse.PersistAsync"/> on every engine's write path (SQLite's prepared
/// upserts, PostgreSQL's COPY, MySQL's bulk load), one subclass per engine.
/// </summary>
public abstract class WarehousePersistContract : IAsyncLifetime
{
    // More than one slice (10,000 rows on both engines), so the bounded batches are exercised.
    private const int ManyRows = 25_000;

    private static readonly CancellationToken None = CancellationToken.None;

    private ServerWarehouse warehouse = null!;

    public enum Failure
    {
        CancelledMidPins,
        BadRejection,
        BadMark,
        BadRejectionAfterManySlices,
    }

    public async Task InitializeAsync() => warehouse = await CreateWarehouseAsync();

    public async Task DisposeAsync() => await warehouse.DisposeAsync();

    /// <summary>The warehouse under test, for an engine's own cases beside the contract.</summary>
    private protected ServerWarehouse Subject => warehouse;

    /// <summary>A migrated warehouse on a new database of the engine under test.</summary>
    private protected abstract Task<ServerWarehouse> CreateWarehouseAsync();

    [Fact]
    public async Task Persist_SameIndTwice_KeepsOneRowWithTheNewValues()
    {
        await warehouse.PersistAsync(Batch([Pin(7, category: "art", followers: 10)], [Geo(7, "Chad")], [User(7, "Ann Lee", 20)]));

        var outcome = await warehouse.Warehouse.PersistAsync(
            Batch([Pin(7, category: "travel", followers: 20)], [Geo(7, "Peru")], [User(7, "Bob Ray", 40)]),
            [],
            None);

        outcome.Should().Be(new PersistOutcome(3, 0));
        (await warehouse.Warehouse.CountAsync(None)).Should().Be(new TableCounts(1, 1, 1, 0));
        (await warehouse.Warehouse.FindPinAsync(7, None)).Should().Be(Pin(7, category: "travel", followers: 20));
        (await warehouse.Warehouse.FindGeoAsync(7, None))!.Country.Should().Be("Peru");
        (await warehouse.Warehouse.FindUserAsync(7, None)).Should().Be(User(7, "Bob Ray", 40));
    }

    [Fact]
    public async Task Persist_SameIndTwiceInOneBatch_KeepsTheLastValueAndCountsEachRowAsSqliteDoes()
    {
        var outcome = await warehouse.Warehouse.PersistAsync(
            Batch(
                [Pin(3, category: "art"), Pin(4), Pin(3, category: "quotes")],
                [Geo(3, "Chad"), Geo(3, "Peru")],
                [User(3, "Ann"), User(3, "Bob")]),
            [],
            None);

        outcome.Should().Be(new PersistOutcome(7, 0));
        (await warehouse.Warehouse.CountAsync(None)).Should().Be(new TableCounts(2, 1, 1, 0));
        (await warehouse.Warehouse.FindPinAsync(3, None))!.Category.Should().Be("quotes");
        (await warehouse.Warehouse.FindGeoAsync(3, None))!.Country.Should().Be("Peru");
        (await warehouse.Warehouse.FindUserAsync(3, None))!.UserName.Should().Be("Bob");
    }

    [Fact]
    public async Task Persist_SameRejectionSourceTwice_StoresItOnceAndKeepsTheFirst()
    {
        var first = Rejected("topic.pin/0/12") with { Reason = "first" };
        var again = Rejected("topic.pin/0/12") with { Reason = "second" };
        var inOneBatch = Rejected("topic.pin/0/14") with { Reason = "first in batch" };

        var firstOutcome = await warehouse.Warehouse.PersistAsync(Batch(rejected: [first]), [], None);
        var againOutcome = await warehouse.Warehouse.PersistAsync(
            Batch(rejected: [again, Rejected("topic.pin/0/13"), inOneBatch, inOneBatch with { Reason = "second in batch" }]),
            [],
            None);

        firstOutcome.Should().Be(new PersistOutcome(0, 1));
        againOutcome.Should().Be(new PersistOutcome(0, 2));
        var page = await warehouse.Warehouse.GetRejectedAsync(0, 10, null, None);
        page.Total.Should().Be(3);
        page.Items.Single(item => item.Source == "topic.pin/0/12").Reason.Should().Be("first");
        page.Items.Single(item => item.Source == "topic.pin/0/14").Reason.Should().Be("first in batch");
    }

    [Fact]
    public async Task Persist_StoresMarksWithTheRows_AndReplacesThemByScopeAndKey()
    {
        await warehouse.Warehouse.PersistAsync(
            Batch([Pin(1)]),
            [new ProgressMark("landing", "topics/a.json", "etag-1"), new ProgressMark("stream", "shard-0", "seq-5")],
            None);
        await warehouse.Warehouse.PersistAsync(
            Batch([Pin(2)]),
            [new ProgressMark("landing", "topics/a.json", "etag-2"), new ProgressMark("landing", "topics/b.json", "etag-9")],
            None);

        (await warehouse.Warehouse.GetMarksAsync("landing", None)).Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["topics/a.json"] = "etag-2",
            ["topics/b.json"] = "etag-9",
        });
        (await warehouse.Warehouse.GetMarksAsync("stream", None)).Should().BeEquivalentTo(new Dictionary<string, string> { ["shard-0"] = "seq-5" });
        (await warehouse.Warehouse.GetMarksAsync("unknown", None)).Should().BeEmpty();

        // The time each mark was stored comes from the clock, in UTC.
        (await warehouse.ColumnAsync($"SELECT DISTINCT {warehouse.UtcTextSql("updated_at")} FROM progress_marks"))
            .Should().Equal("2024-05-01 12:00:00");
    }

    [Theory]
    [InlineData(Failure.CancelledMidPins)]
    [InlineData(Failure.BadRejection)]
    [InlineData(Failure.BadMark)]
    [InlineData(Failure.BadRejectionAfterManySlices)]
    public async Task Persist_WhenBatchFailsMidway_StoresNothingOfItAndNoMark(Failure failure)
    {
        await warehouse.Warehouse.PersistAsync(
            Batch([Pin(1, category: "art")], [Geo(1, "Chad")], [User(1, "Ann Lee")], [Rejected("s/0")]),
            [new ProgressMark("landing", "k", "before")],
            None);

        using var cancellation = new CancellationTokenSource();
        var newPins = failure == Failure.BadRejectionAfterManySlices ? ManyRows : 500;
        IReadOnlyList<Pin> pins = [Pin(1, category: "changed"), .. Enumerable.Range(2, newPins).Select(ind => Pin(ind))];
        if (failure == Failure.CancelledMidPins)
        {
            pins = new CancelAtItemList<Pin>(pins, cancelAt: 300, cancellation);
        }

        var rejected = failure is Failure.BadRejection or Failure.BadRejectionAfterManySlices
            ? Rejected("s/1") with { Reason = null! }
            : Rejected("s/1");
        var mark = failure == Failure.BadMark
            ? new ProgressMark("landing", "k", null!)
            : new ProgressMark("landing", "k", "after");

        var persist = () => warehouse.Warehouse.PersistAsync(
            Batch(pins, [Geo(1, "Peru"), Geo(2, "Peru")], [User(1, "Changed"), User(2, "New")], [rejected]),
            [mark],
            cancellation.Token);

        if (failure == Failure.CancelledMidPins)
        {
            await persist.Should().ThrowAsync<OperationCanceledException>();
        }
        else
        {
            await persist.Should().ThrowAsync<System.Data.Common.DbException>();
        }

        (await warehouse.Warehouse.CountAsync(None)).Should().Be(new TableCounts(1, 1, 1, 1));
        (await warehouse.Warehouse.FindPinAsync(1, None))!.Category.Should().Be("art");
        (await warehouse.Warehouse.FindGeoAsync(1, None))!.Country.Should().Be("Chad");
        (await warehouse.Warehouse.FindUserAsync(1, None))!.UserName.Should().Be("Ann Lee");
        (await warehouse.Warehouse.GetMarksAsync("landing", None)).Should().Equal(new Dictionary<string, string> { ["k"] = "before" });
    }

    [Fact]
    public async Task Persist_MoreRowsThanOneSlice_StoresEveryRowOnce_TheLastRowOfAnIndWinning()
    {
        var pins = Enumerable.Range(0, ManyRows).Select(ind => Pin(ind, category: "first")).ToList();
        pins.AddRange(Enumerable.Range(0, 100).Select(i => Pin(i * 200, category: "again")));
        var rejections = Enumerable.Range(0, ManyRows).Select(i => Rejected($"topic/0/{i}")).ToList();

        var outcome = await warehouse.Warehouse.PersistAsync(Batch(pins, rejected: rejections), [new ProgressMark("landing", "big", "1")], None);

        outcome.Should().Be(new PersistOutcome(ManyRows + 100, ManyRows));
        (await warehouse.Warehouse.CountAsync(None)).Should().Be(new TableCounts(ManyRows, 0, 0, ManyRows));
        (await warehouse.ColumnAsync("SELECT count(*) FROM pins WHERE category = 'again'")).Should().Equal(100L);
        (await warehouse.Warehouse.FindPinAsync(19_800, None))!.Category.Should().Be("again");
        (await warehouse.Warehouse.FindPinAsync(19_801, None))!.Category.Should().Be("first");
    }

    [Fact]
    public async Task Persist_FromTwoWritersAtOnce_StoresEveryBatchOfBoth()
    {
        async Task WriteAsync(long firstInd, string scope)
        {
            for (var batch = 0; batch < 10; batch++)
            {
                var start = firstInd + (batch * 1_000);
                var pins = Enumerable.Range(0, 1_000).Select(offset => Pin(start + offset)).ToList();
                await warehouse.Warehouse.PersistAsync(
                    Batch(pins, rejected: [Rejected($"{scope}/{batch}")]),
                    [new ProgressMark(scope, "position", batch.ToString(CultureInfo.InvariantCulture))],
                    None);
            }
        }

        await Task.WhenAll(Task.Run(() => WriteAsync(0, "batch")), Task.Run(() => WriteAsync(1_000_000, "stream")));

        (await warehouse.Warehouse.CountAsync(None)).Should().Be(new TableCounts(20_000, 0, 0, 20));
        (await warehouse.Warehouse.GetMarksAsync("batch", None))["position"].Should().Be("9");
        (await warehouse.Warehouse.GetMarksAsync("stream", None))["position"].Should().Be("9");
    }

    [Fact]
    public async Task Persist_EmptyBatchWithMarks_StoresTheMarks()
    {
        var outcome = await warehouse.Warehouse.PersistAsync(Batch(), [new ProgressMark("landing", "empty.json", "e")], None);

        outcome.Should().Be(new PersistOutcome(0, 0));
        (await warehouse.Warehouse.GetMarksAsync("landing", None)).Should().ContainKey("empty.json");
    }

    [Fact]
    public async Task RoundTrip_EveryPinColumn_ComesBackEqual()
    {
        var full = new Pin(
            11, "d0a4e4b1-1f4e-4a55-a1b4-1c3f0e4a7b8d", "Title \"quoted\"\ttab", "Long text cut\u2026\u00A0", 6_000_000, "Poster Ltd",
            "tag1,tag2,tag3", "multi-video(story page format)", "https://i.pinimg.com/videos/thumbnails/originals/aa/bb/cc/x.0000001.jpg",
            "/data/mens-fashion", "mens-fashion");
        var empty = new Pin(12, null, null, null, null, null, null, null, null, null, null);

        await warehouse.PersistAsync(Batch([full, empty]));

        (await warehouse.Warehouse.FindPinAsync(11, None)).Should().Be(full);
        (await warehouse.Warehouse.FindPinAsync(12, None)).Should().Be(empty);
        (await warehouse.Warehouse.FindPinAsync(13, None)).Should().BeNull();
    }

    [Fact]
    public async Task RoundTrip_GeoColumns_ComeBackEqualInUtc()
    {
        var full = new GeoLocation(21, "Côte d'Ivoire 🌍", new Coordinates(-89.99999, 179.123456), Utc(2022, 12, 31, 23, 59, 59));
        var edges = new GeoLocation(22, "Antarctica (the territory South of 60 deg S)", new Coordinates(90, -180), null);
        var empty = new GeoLocation(23, null, null, null);

        await warehouse.PersistAsync(Batch(geos: [full, edges, empty]));

        var read = await warehouse.Warehouse.FindGeoAsync(21, None);
        read.Should().Be(full);
        read!.Timestamp!.Value.Kind.Should().Be(DateTimeKind.Utc);
        (await warehouse.Warehouse.FindGeoAsync(22, None)).Should().Be(edges);
        (await warehouse.Warehouse.FindGeoAsync(23, None)).Should().Be(empty);
    }

    [Fact]
    public async Task RoundTrip_UserColumns_ComeBackEqualInUtc()
    {
        var full = new User(31, "Ann Lee", 17, Utc(2015, 12, 31, 23, 59, 59));
        var empty = new User(32, null, null, null);

        await warehouse.PersistAsync(Batch(users: [full, empty]));

        var read = await warehouse.Warehouse.FindUserAsync(31, None);
        read.Should().Be(full);
        read!.DateJoined!.Value.Kind.Should().Be(DateTimeKind.Utc);
        (await warehouse.Warehouse.FindUserAsync(32, None)).Should().Be(empty);
    }

    [Fact]
    public async Task Persist_UnspecifiedKindTimestamp_IsTakenAsUtc()
    {
        await warehouse.PersistAsync(Batch(users: [new User(41, "A", 30, new DateTime(2016, 1, 2, 3, 4, 5, DateTimeKind.Unspecified))]));

        var read = await warehouse.Warehouse.FindUserAsync(41, None);
        read!.DateJoined.Should().Be(Utc(2016, 1, 2, 3, 4, 5));
        read.DateJoined!.Value.Kind.Should().Be(DateTimeKind.Utc);
        (await warehouse.ColumnAsync($"SELECT {warehouse.UtcTextSql("date_joined")} FROM users"))
            .Should().Equal("2016-01-02 03:04:05");
    }

    [Fact]
    public async Task RoundTrip_RejectedRecord_ComesBackWithItsInstantInUtc()
    {
        var rejected = new RejectedRecord(
            RecordKind.Geo, "streaming-p-geo/shardId-000000000000/4959", "latitude 91 is outside -90..90",
            "{\"ind\":5,\"latitude\":91}", new DateTimeOffset(2024, 3, 1, 14, 30, 0, TimeSpan.FromHours(2)));

        await warehouse.Warehouse.PersistAsync(Batch(rejected: [rejected]), [], None);

        var read = (await warehouse.Warehouse.GetRejectedAsync(0, 10, null, None)).Items.Single();
        read.Should().Be(rejected with { RejectedAt = new DateTimeOffset(2024, 3, 1, 12, 30, 0, TimeSpan.Zero) });
        (await warehouse.Warehouse.GetRejectedAsync(0, 10, RecordKind.Geo, None)).Total.Should().Be(1);
        (await warehouse.Warehouse.GetRejectedAsync(0, 10, RecordKind.Pin, None)).Total.Should().Be(0);
    }
}
