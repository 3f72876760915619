using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pinterest.Modular.Application.Analytics;
using Pinterest.Modular.Application.Persistence;
using Pinterest.Modular.Domain.Geo;
using Pinterest.Modular.Domain.Pins;
using Pinterest.Modular.Domain.Users;
using Pinterest.Modular.Infrastructure.Database;
using Pinterest.Modular.Infrastructure.Database.Analytics;
using static Pinterest.Modular.Tests.Integration.Database.TestRows;

namespace Pinterest.Modular.Tests.Integration.Database;

/// <summary>
/// The analytics kept up to date by the serving process (<see cref="MaintainedAnalytics"/>) give, after any sequence of
/// upserts, exactly what a full recompute (<see cref="ColumnScanAnalyticsQueries"/>) and the reference SQL
/// (<see cref="SqlAnalyticsQueries"/>) give, while reading only the changed rows; changes stored by another host are seen.
/// One subclass per engine.
/// </summary>
public abstract class MaintainedAnalyticsContract : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;

    // Small pools, so upserts collide: ties broken by code point (U+E000 against a surrogate pair), nulls, the age
    // bounds, and the year windows' edges in UTC.
    private static readonly string?[] Categories = ["art", "Art", "travel", "\uE000ink", "\U0001F600fun", null];
    private static readonly string?[] Countries = ["Chad", "Åland", "Peru", null];
    private static readonly string?[] Posters = ["ann", "Bob", "\uE000x", "\U0001F600y", null];
    private static readonly string?[] Names = ["Ann Lee", "Bo Ng", "Cy Ray", null];
    private static readonly int?[] Ages = [17, 18, 24, 25, 35, 36, 50, 51, 70, null];
    private static readonly long?[] Followers = [0, 5, 5, 7, 120, 3_000, null];
    private static readonly DateTime?[] Times =
    [
        Utc(2014, 12, 31, 23, 59, 59), Utc(2015), Utc(2017, 12, 31, 23, 59, 59), Utc(2018), Utc(2020, 12, 31, 23, 59, 59),
        Utc(2021), Utc(2022, 12, 31, 23, 59, 59), Utc(2023), null,
    ];

    private IAsyncDisposable owner = null!;

    /// <summary>The first host's services.</summary>
    private protected IServiceProvider Host { get; set; } = null!;

    private IWarehouse Warehouse => Host.GetRequiredService<IWarehouse>();

    private MaintainedAnalytics Maintained => Host.GetRequiredService<MaintainedAnalytics>();

    public async Task InitializeAsync() => owner = await CreateAsync();

    public async Task DisposeAsync() => await owner.DisposeAsync();

    /// <summary>A migrated warehouse on a new database of the engine under test; sets <see cref="Host"/>.</summary>
    private protected abstract Task<IAsyncDisposable> CreateAsync();

    /// <summary>Another host on the same database, with its own services and connections.</summary>
    private protected abstract ServiceProvider OtherHost();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task RandomUpserts_GiveTheFullRecomputesAndTheReferenceSqlsAnswers_ReadingOnlyWhatChanged(int seed)
    {
        var random = new Random(seed);
        await Warehouse.PersistAsync(RandomBatch(random, events: 300, inds: 400), [], None);
        await ShouldAnswerAsAFullRecomputeAsync("after the first read");

        for (var round = 1; round <= 12; round++)
        {
            // One to three small persists between refreshes, each of a few events, some re-sent.
            for (var persist = random.Next(1, 4); persist > 0; persist--)
            {
                await Warehouse.PersistAsync(RandomBatch(random, events: random.Next(1, 15), inds: 450), [], None);
            }

            await ShouldAnswerAsAFullRecomputeAsync($"after round {round}");
        }

        Maintained.Work.FullReads.Should().Be(1, "every later refresh read only the changed events");
        Maintained.Work.EventsReplaced.Should().BeGreaterThan(12);
    }

    [Fact]
    public async Task ChangedEvents_ToAndFromNull_InOneTableOnly_AreReplaced()
    {
        await Warehouse.PersistAsync(Batch([Pin(1, "art", "ann", 10), Pin(2, "art", "bob", 20)], [Geo(1, "Chad"), Geo(2, "Chad")], [User(1, "Ann", 20), User(2, "Bo", 30)]), [], None);
        await ShouldAnswerAsAFullRecomputeAsync("at first");

        await Warehouse.PersistAsync(Batch([Pin(1, category: null, followers: null)]), [], None);
        await ShouldAnswerAsAFullRecomputeAsync("a pin's category and followers set to null");
        await Warehouse.PersistAsync(Batch(geos: [new GeoLocation(2, null, null, null)]), [], None);
        await ShouldAnswerAsAFullRecomputeAsync("a geo row's country and time set to null");
        await Warehouse.PersistAsync(Batch(users: [new User(2, null, null, null)]), [], None);
        await ShouldAnswerAsAFullRecomputeAsync("a user's name, age and join date set to null");
        await Warehouse.PersistAsync(Batch([Pin(1, "travel", "ann", 40)], [Geo(2, "Peru")], [User(2, "Ann", 20)]), [], None);
        await ShouldAnswerAsAFullRecomputeAsync("all three back from null");

        Maintained.Work.FullReads.Should().Be(1);
    }

    [Fact]
    public async Task APersistByAnotherHost_IsSeenWithoutReadingEverything()
    {
        await Warehouse.PersistAsync(Batch([Pin(1)], [Geo(1, "Chad")], [User(1, "Ann")]), [], None);
        var before = await Maintained.RunAllAsync(None);
        await using var other = OtherHost();

        await other.GetRequiredService<IWarehouse>().PersistAsync(Batch([Pin(2, "travel")], [Geo(2, "Peru")], [User(2, "Bo", 40)]), [], None);
        var after = await Maintained.RunAllAsync(None);

        Describe(after).Should().NotEqual(Describe(before));
        await ShouldAnswerAsAFullRecomputeAsync("after the other host's persist");
        Maintained.Work.Should().Be((1, 1L), "the second refresh replaced the one event the other host stored");
    }

    [Fact]
    public async Task APersistTooLargeToList_IsReadInFull()
    {
        await Warehouse.PersistAsync(Batch([Pin(1)], [Geo(1, "Chad")]), [], None);
        await Maintained.RunAllAsync(None);

        var events = Enumerable.Range(10, ChangedKeys.MostKeysListed + 1).ToList();
        await Warehouse.PersistAsync(Batch([.. events.Select(ind => Pin(ind, "travel"))], [.. events.Select(ind => Geo(ind, "Peru"))]), [], None);

        await ShouldAnswerAsAFullRecomputeAsync("after a batch-sized persist");
        Maintained.Work.FullReads.Should().Be(2);
    }

    [Fact]
    public async Task Count_OnceTheAnalyticsAreHeld_AnswersFromTheHeldRowsBroughtUpToDate()
    {
        await Warehouse.PersistAsync(Batch([Pin(1), Pin(2)], [Geo(1, "Chad")], [User(1, "Ann")]), [], None);
        await Maintained.RunAllAsync(None);

        // A row written past the persist path is not listed: a count that leaves it out was not taken in SQL.
        await using (var db = await Host.GetRequiredService<IDbContextFactory<WarehouseDbContext>>().CreateDbContextAsync(None))
        {
            await db.Database.ExecuteSqlRawAsync("INSERT INTO pins (ind) VALUES (99)");
        }

        await Warehouse.PersistAsync(Batch([Pin(3)], users: [User(3, "Bo")]), [], None);
        var counts = await Warehouse.CountAsync(None);

        counts.Should().Be(new TableCounts(3, 1, 2, 0));
        Maintained.Work.FullReads.Should().Be(1);
    }

    private static CleanedBatch RandomBatch(Random random, int events, int inds)
    {
        var pins = new Dictionary<long, Pin>();
        var geos = new Dictionary<long, GeoLocation>();
        var users = new Dictionary<long, User>();
        for (var i = 0; i < events; i++)
        {
            var ind = (long)random.Next(inds);
            var tables = random.Next(1, 8); // which of the three tables this event writes: any non-empty subset
            if ((tables & 1) != 0)
            {
                pins[ind] = Pin(ind, Pick(random, Categories), Pick(random, Posters), Pick(random, Followers));
            }

            if ((tables & 2) != 0)
            {
                geos[ind] = new GeoLocation(ind, Pick(random, Countries), new Coordinates(1.5, 2.5), Pick(random, Times));
            }

            if ((tables & 4) != 0)
            {
                users[ind] = new User(ind, Pick(random, Names), Pick(random, Ages), Pick(random, Times));
            }
        }

        return Batch([.. pins.Values], [.. geos.Values], [.. users.Values]);
    }

    private static T Pick<T>(Random random, T[] values) => values[random.Next(values.Length)];

    private async Task ShouldAnswerAsAFullRecomputeAsync(string when)
    {
        var maintained = await Maintained.RunAllAsync(None);
        var full = await Host.GetRequiredService<IAnalyticsQueries>().RunAllAsync(None);
        var reference = Host.GetRequiredService<SqlAnalyticsQueries>();

        maintained.Select(result => result.Name).Should().Equal(AnalyticsQuery.All);
        await using (var db = await Host.GetRequiredService<IDbContextFactory<WarehouseDbContext>>().CreateDbContextAsync(None))
        {
            (await Warehouse.CountAsync(None)).Should().Be(
                new TableCounts(await db.Pins.LongCountAsync(None), await db.Geo.LongCountAsync(None), await db.Users.LongCountAsync(None), 0),
                $"the held rows {when} are the stored rows");
        }

        for (var i = 0; i < maintained.Count; i++)
        {
            var name = maintained[i].Name;
            var sql = await reference.RunAsync(name, None);
            Describe(maintained[i]).Should().Equal(Describe(full[i]), $"{name} {when} should be the full recompute's");
            Describe(maintained[i]).Should().Equal(Describe(sql), $"{name} {when} should be the reference SQL's");
        }
    }

    private static IEnumerable<string> Describe(IReadOnlyList<AnalyticsResult> results) => results.SelectMany(Describe);

    private static IEnumerable<string> Describe(AnalyticsResult result) =>
        result.Rows.Select(row => string.Join(" | ", row.Select(value =>
            value is null ? "null" : $"{value.GetType().Name}:{Convert.ToString(value, CultureInfo.InvariantCulture)}")));
}

/// <summary>The maintained analytics on the embedded default (SQLite).</summary>
public sealed class SqliteMaintainedAnalyticsTests : MaintainedAnalyticsContract
{
    private TempWarehouse warehouse = null!;

    private protected override async Task<IAsyncDisposable> CreateAsync()
    {
        warehouse = await TempWarehouse.CreateAsync();
        Host = warehouse.Services;
        return warehouse;
    }

    private protected override ServiceProvider OtherHost() => warehouse.OtherHost();
}

/// <summary>The maintained analytics on PostgreSQL.</summary>
public sealed class PostgresMaintainedAnalyticsTests : MaintainedAnalyticsContract
{
    private ServerWarehouse warehouse = null!;

    private protected override async Task<IAsyncDisposable> CreateAsync()
    {
        warehouse = await PostgresWarehouse.CreateAsync();
        Host = warehouse.Services;
        return warehouse;
    }

    private protected override ServiceProvider OtherHost() => warehouse.OtherHost();
}

/// <summary>The maintained analytics on MariaDB.</summary>
[Collection(MariaDbGroup.Name)]
public sealed class MySqlMaintainedAnalyticsTests(MariaDbServer server) : MaintainedAnalyticsContract
{
    private ServerWarehouse warehouse = null!;

    private protected override async Task<IAsyncDisposable> CreateAsync()
    {
        warehouse = await MySqlWarehouse.CreateAsync(server);
        Host = warehouse.Services;
        return warehouse;
    }

    private protected override ServiceProvider OtherHost() => warehouse.OtherHost();
}
