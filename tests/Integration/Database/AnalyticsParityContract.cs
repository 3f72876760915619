using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Pinterest.Modular.Application.Analytics;
using Pinterest.Modular.Application.Persistence;
using Pinterest.Modular.Infrastructure.Database;

namespace Pinterest.Modular.Tests.Integration.Database;

/// <summary>
/// The same cleaned batches persisted into SQLite and into a server engine (on a database whose collation folds case
/// and accents) leave identical tables and give identical answers to the nine analytics; one subclass per engine, so
/// all three engines answer alike.
/// </summary>
public abstract class AnalyticsParityContract
{
    private readonly BothWarehouses both;

    private protected AnalyticsParityContract(BothWarehouses both) => this.both = both;
    public static TheoryData<string> Queries => [.. AnalyticsQuery.All];

    [Fact]
    public async Task Persist_ReportsTheSameCountsOnBothEngines()
    {
        await FilledAsync();
        both.ServerOutcomes.Should().Equal(both.SqliteOutcomes);
    }

    [Fact]
    public async Task Pins_AreIdentical()
    {
        var rows = await RowsAsync(db => db.Pins.AsNoTracking().OrderBy(row => row.Ind));

        rows.Sqlite.Should().HaveCountGreaterThan(1_000);
        ShouldBeIdentical(rows);
    }

    [Fact]
    public async Task Geo_IsIdentical() =>
        ShouldBeIdentical(await RowsAsync(db => db.Geo.AsNoTracking().OrderBy(row => row.Ind)));

    [Fact]
    public async Task Users_AreIdentical() =>
        ShouldBeIdentical(await RowsAsync(db => db.Users.AsNoTracking().OrderBy(row => row.Ind)));

    [Fact]
    public async Task RejectedRecords_AreIdentical_ButForTheirGeneratedIds()
    {
        var rows = await RowsAsync(db => db.RejectedRecords.AsNoTracking().OrderBy(row => row.Source)
            .Select(row => new { row.Kind, row.Source, row.Reason, row.RawJson, row.RejectedAt }));

        rows.Sqlite.Should().HaveCountGreaterThan(10);
        ShouldBeIdentical(rows);
    }

    [Fact]
    public async Task ProgressMarks_AreIdentical() =>
        ShouldBeIdentical(await RowsAsync(db => db.ProgressMarks.AsNoTracking().OrderBy(row => row.Scope).ThenBy(row => row.Key)));

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task Analytics_GiveIdenticalTables(string name)
    {
        await FilledAsync();
        var sqlite = await both.Sqlite.Queries.RunAsync(name, CancellationToken.None);
        var server = await both.Server.Queries.RunAsync(name, CancellationToken.None);

        sqlite.Rows.Should().NotBeEmpty();
        server.Columns.Should().Equal(sqlite.Columns);
        server.Rows.Select(Describe).Should().Equal(sqlite.Rows.Select(Describe));
    }

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task Analytics_GiveTheReferenceSqlsTables_OnBothEngines(string name)
    {
        await FilledAsync();
        var sqlite = await both.Sqlite.Queries.RunAsync(name, CancellationToken.None);
        var sqliteReference = await both.Sqlite.Get<SqlAnalyticsQueries>().RunAsync(name, CancellationToken.None);
        var server = await both.Server.Queries.RunAsync(name, CancellationToken.None);
        var serverReference = await both.Server.ReferenceSql.RunAsync(name, CancellationToken.None);

        sqlite.Rows.Should().NotBeEmpty();
        sqlite.Columns.Should().Equal(sqliteReference.Columns);
        sqlite.Rows.Select(Describe).Should().Equal(sqliteReference.Rows.Select(Describe));
        server.Columns.Should().Equal(serverReference.Columns);
        server.Rows.Select(Describe).Should().Equal(serverReference.Rows.Select(Describe));
    }

    [Fact]
    public async Task RunAll_GivesTheNineInSpecOrder_AsRunGivesThemOneByOne()
    {
        await FilledAsync();
        var all = await both.Server.Queries.RunAllAsync(CancellationToken.None);

        all.Select(result => result.Name).Should().Equal(AnalyticsQuery.All);
        foreach (var result in all)
        {
            var single = await both.Server.Queries.RunAsync(result.Name, CancellationToken.None);
            result.Rows.Select(Describe).Should().Equal(single.Rows.Select(Describe));
        }
    }

    [Fact]
    public async Task Analytics_BreakTiesByCodePoint_NotByTheDatabaseCollation()
    {
        await FilledAsync();
        var result = await both.Server.Queries.RunAsync(AnalyticsQuery.TopCategoryByCountry, CancellationToken.None);

        result.Rows.Should().ContainEquivalentOf(new object?[] { "Åland", "Zebra", 2L });
        var countries = result.Rows.Select(row => (string)row[0]!).ToList();
        countries.Should().BeInAscendingOrder(StringComparer.Ordinal);
    }

    [Fact]
    public async Task Analytics_TakeTheYearInUtc_NotInTheSessionTimeZone()
    {
        await FilledAsync();
        var result = await both.Server.Queries.RunAsync(AnalyticsQuery.UsersJoinedByYear, CancellationToken.None);

        // The edge users who joined at 2014-12-31 23:59:59 UTC (2015 in the session's zone) are not counted.
        result.Rows.Select(row => (long)row[0]!).Should().OnlyContain(year => year >= 2015 && year <= 2020);
        var sqlite = await both.Sqlite.Queries.RunAsync(AnalyticsQuery.UsersJoinedByYear, CancellationToken.None);
        result.Rows.Select(Describe).Should().Equal(sqlite.Rows.Select(Describe));
    }

    private static string Describe(IReadOnlyList<object?> row) =>
        string.Join(" | ", row.Select(value => value is null ? "null" : $"{value.GetType().Name}:{Convert.ToString(value, CultureInfo.InvariantCulture)}"));

    private static void ShouldBeIdentical((List<object> Sqlite, List<object> Server) rows) =>
        rows.Server.Should().BeEquivalentTo(rows.Sqlite, options => options.WithStrictOrdering());

    /// <summary>A migrated warehouse of the engine under test on a database with a case- and accent-folding collation.</summary>
    private protected abstract Task<ServerWarehouse> CreateHostileWarehouseAsync();

    private Task FilledAsync() => both.FillOnceAsync(CreateHostileWarehouseAsync);

    private async Task<(List<object> Sqlite, List<object> Server)> RowsAsync<T>(Func<WarehouseDbContext, IQueryable<T>> query)
        where T : class
    {
        await FilledAsync();
        await using var sqlite = await both.Sqlite.Contexts.CreateDbContextAsync();
        await using var server = await both.Server.Contexts.CreateDbContextAsync();
        return ([.. await query(sqlite).ToListAsync()], [.. await query(server).ToListAsync()]);
    }

    /// <summary>
    /// Both warehouses, filled once for the class with the same batches in the same order, by the first test that
    /// asks (the server's warehouse may need the collection's container, which a class fixture cannot be given).
    /// </summary>
    public sealed class BothWarehouses : IAsyncLifetime
    {
        private readonly object gate = new();
        private Task? filling;

        internal TempWarehouse Sqlite { get; private set; } = null!;

        internal ServerWarehouse Server { get; private set; } = null!;

        internal List<PersistOutcome> SqliteOutcomes { get; } = [];

        internal List<PersistOutcome> ServerOutcomes { get; } = [];

        public Task InitializeAsync() => Task.CompletedTask;

        internal Task FillOnceAsync(Func<Task<ServerWarehouse>> createServer)
        {
            lock (gate)
            {
                return filling ??= FillAsync(createServer);
            }
        }

        private async Task FillAsync(Func<Task<ServerWarehouse>> createServer)
        {
            Sqlite = await TempWarehouse.CreateAsync();
            Server = await createServer();
            foreach (var (batch, marks) in await ParityData.BuildAsync(sourceRows: 3_000, postings: 4_000, batchSize: 700))
            {
                SqliteOutcomes.Add(await Sqlite.Warehouse.PersistAsync(batch, marks, CancellationToken.None));
                ServerOutcomes.Add(await Server.Warehouse.PersistAsync(batch, marks, CancellationToken.None));
            }
        }

        public async Task DisposeAsync()
        {
            if (Sqlite is not null)
            {
                await Sqlite.DisposeAsync();
            }

            if (Server is not null)
            {
                await Server.DisposeAsync();
            }
        }
    }
}
