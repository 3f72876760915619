using System.Globalization;
using Pinterest.Modular.Application.Analytics;
using Pinterest.Modular.Domain.Geo;
using Pinterest.Modular.Domain.Pins;
using Pinterest.Modular.Domain.Users;
using static Pinterest.Modular.Tests.Integration.Database.TestRows;

namespace Pinterest.Modular.Tests.Integration.Database;

/// <summary>
/// The analytics the host runs (one column scan, computed in memory) give exactly the reference SQL's tables on
/// random warehouses full of what makes them hard: ties, nulls, year and age bounds, repeated people, pins without
/// geo or user rows, and text whose UTF-16 order is not its code-point order; on every engine, one subclass each.
/// </summary>
public abstract class ColumnScanAnalyticsContract
{
    // U+FFFD sorts before U+1F600 by code point but after its surrogates (0xD83D) in UTF-16.
    private static readonly string?[] Categories = ["art", "Art", "beauty", "\uFFFD", "\U0001F600", "éclair", "zebra", "", null];
    private static readonly string?[] Countries = ["Chad", "chad", "Åland", "Aland", "\uFFFDland", "\U0001F600land", "", null];
    private static readonly string?[] Posters = ["Ann", "ann", "Bob", "\U0001F600", "\uFFFD", "", null];
    private static readonly string?[] Names = ["Ann Lee", "Bob Ray", "Cid Roe", "", null];

    /// <summary>A migrated warehouse on a new database of the engine under test.</summary>
    private protected abstract Task<ServerWarehouse> CreateWarehouseAsync();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task RunAll_OnARandomWarehouse_GivesTheReferenceSqlsTables(int seed)
    {
        await using var warehouse = await CreateWarehouseAsync();
        await SeedRandomAsync(warehouse, new Random(seed), events: 3_000);

        var scanned = await warehouse.Queries.RunAllAsync(CancellationToken.None);
        var reference = await warehouse.ReferenceSql.RunAllAsync(CancellationToken.None);

        scanned.Select(result => result.Name).Should().Equal(AnalyticsQuery.All);
        scanned.Should().OnlyContain(result => result.Rows.Count > 0);
        for (var i = 0; i < reference.Count; i++)
        {
            scanned[i].Columns.Should().Equal(reference[i].Columns);
            scanned[i].Rows.Select(Describe).Should().Equal(reference[i].Rows.Select(Describe), reference[i].Name);
        }
    }

    [Fact]
    public async Task RunAll_OnAnEmptyWarehouse_GivesNineEmptyTables()
    {
        await using var warehouse = await CreateWarehouseAsync();

        var results = await warehouse.Queries.RunAllAsync(CancellationToken.None);

        results.Select(result => result.Name).Should().Equal(AnalyticsQuery.All);
        results.Should().OnlyContain(result => result.Rows.Count == 0);
    }

    private static async Task SeedRandomAsync(ServerWarehouse warehouse, Random random, int events)
    {
        var pins = new List<Pin>();
        var geos = new List<GeoLocation>();
        var users = new List<User>();
        for (var ind = 0; ind < events; ind++)
        {
            // Most events have all three rows; some pins have no geo or no user row, some rows have no pin.
            if (random.Next(20) != 0)
            {
                pins.Add(Pin(ind, Pick(random, Categories), Pick(random, Posters), random.Next(12) == 0 ? null : random.Next(0, 40) * 1_000L));
            }

            if (random.Next(15) != 0)
            {
                geos.Add(Geo(ind, Pick(random, Countries)) with { Timestamp = random.Next(30) == 0 ? null : NearYearEdge(random, 2016, 2024) });
            }

            if (random.Next(15) != 0)
            {
                // A few people over and over (the same name, age and date joined), so distinct counting matters.
                var repeat = random.Next(3) == 0;
                users.Add(new User(
                    ind,
                    repeat ? "Dee Fox" : Pick(random, Names),
                    repeat ? 30 : random.Next(25) == 0 ? null : random.Next(12, 70),
                    repeat ? Utc(2017, 5, 5) : random.Next(30) == 0 ? null : NearYearEdge(random, 2013, 2022)));
            }
        }

        await warehouse.SeedAsync(pins, geos, users);
    }

    // Half the timestamps within a second of a new year, where a window's bound or a time zone would show.
    private static DateTime NearYearEdge(Random random, int firstYear, int lastYear)
    {
        var year = random.Next(firstYear, lastYear + 1);
        return random.Next(2) == 0
            ? Utc(year, 1, 1).AddSeconds(random.Next(-1, 1))
            : Utc(year, random.Next(1, 13), random.Next(1, 29), random.Next(24));
    }

    private static T Pick<T>(Random random, T[] values) => values[random.Next(values.Length)];

    private static string Describe(IReadOnlyList<object?> row) =>
        string.Join(" | ", row.Select(value => value is null ? "null" : $"{value.GetType().Name}:{Convert.ToString(value, CultureInfo.InvariantCulture)}"));
}

/// <summary>The column scan against the reference SQL on SQLite.</summary>
public sealed class SqliteColumnScanAnalyticsTests : ColumnScanAnalyticsContract
{
    private protected override async Task<ServerWarehouse> CreateWarehouseAsync() => await SqliteFileWarehouse.CreateAsync();
}

/// <summary>The column scan against the reference SQL on PostgreSQL.</summary>
public sealed class PostgresColumnScanAnalyticsTests : ColumnScanAnalyticsContract
{
    private protected override async Task<ServerWarehouse> CreateWarehouseAsync() => await PostgresWarehouse.CreateAsync();
}

/// <summary>The column scan against the reference SQL on MariaDB.</summary>
[Collection(MariaDbGroup.Name)]
public sealed class MySqlColumnScanAnalyticsTests(MariaDbServer server) : ColumnScanAnalyticsContract
{
    private protected override async Task<ServerWarehouse> CreateWarehouseAsync() => await MySqlWarehouse.CreateAsync(server);
}
