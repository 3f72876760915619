using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Pinterest.Modular.Application.Analytics;
using Pinterest.Modular.Application.Persistence;
using Pinterest.Modular.Infrastructure.Database;

namespace Pinterest.Modular.Tests.Integration.Database;

/// <summary>
/// The same cleaned batches persisted into SQLite and into PostgreSQL (a database with an English collation and
/// sessions 14 hours ahead of UTC) leave identical tables and give identical answers to the nine analytics.
/// </summary>
public sealed class PostgresAnalyticsParityTests(PostgresAnalyticsParityTests.BothWarehouses both)
    : IClassFixture<PostgresAnalyticsParityTests.BothWarehouses>
{
    public static TheoryData<string> Queries => [.. AnalyticsQuery.All];

    [Fact]
    public void Persist_ReportsTheSameCountsOnBothEngines() =>
        both.PostgresOutcomes.Should().Equal(both.SqliteOutcomes);

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
        var sqlite = await both.Sqlite.Queries.RunAsync(name, CancellationToken.None);
        var postgres = await both.Postgres.Queries.RunAsync(name, CancellationToken.None);

        sqlite.Rows.Should().NotBeEmpty();
        postgres.Columns.Should().Equal(sqlite.Columns);
        postgres.Rows.Select(Describe).Should().Equal(sqlite.Rows.Select(Describe));
    }

    [Fact]
    public async Task Analytics_BreakTiesByCodePoint_NotByTheDatabaseCollation()
    {
        var result = await both.Postgres.Queries.RunAsync(AnalyticsQuery.TopCategoryByCountry, CancellationToken.None);

        result.Rows.Should().ContainEquivalentOf(new object?[] { "Åland", "Zebra", 2L });
        var countries = result.Rows.Select(row => (string)row[0]!).ToList();
        countries.Should().BeInAscendingOrder(StringComparer.Ordinal);
    }

    [Fact]
    public async Task Analytics_TakeTheYearInUtc_NotInTheSessionTimeZone()
    {
        var result = await both.Postgres.Queries.RunAsync(AnalyticsQuery.UsersJoinedByYear, CancellationToken.None);

        // The edge users who joined at 2014-12-31 23:59:59 UTC (2015 in the session's zone) are not counted.
        result.Rows.Select(row => (long)row[0]!).Should().OnlyContain(year => year >= 2015 && year <= 2020);
        var sqlite = await both.Sqlite.Queries.RunAsync(AnalyticsQuery.UsersJoinedByYear, CancellationToken.None);
        result.Rows.Select(Describe).Should().Equal(sqlite.Rows.Select(Describe));
    }

    private static string Describe(IReadOnlyList<object?> row) =>
        string.Join(" | ", row.Select(value => value is null ? "null" : $"{value.GetType().Name}:{Convert.ToString(value, CultureInfo.InvariantCulture)}"));

    private static void ShouldBeIdentical((List<object> Sqlite, List<object> Postgres) rows) =>
        rows.Postgres.Should().BeEquivalentTo(rows.Sqlite, options => options.WithStrictOrdering());

    private async Task<(List<object> Sqlite, List<object> Postgres)> RowsAsync<T>(Func<WarehouseDbContext, IQueryable<T>> query)
        where T : class
    {
        await using var sqlite = await both.Sqlite.Contexts.CreateDbContextAsync();
        await using var postgres = await both.Postgres.Contexts.CreateDbContextAsync();
        return ([.. await query(sqlite).ToListAsync()], [.. await query(postgres).ToListAsync()]);
    }

    /// <summary>Both warehouses, filled once for the class with the same batches in the same order.</summary>
    public sealed class BothWarehouses : IAsyncLifetime
    {
        internal TempWarehouse Sqlite { get; private set; } = null!;

        internal PostgresWarehouse Postgres { get; private set; } = null!;

        internal List<PersistOutcome> SqliteOutcomes { get; } = [];

        internal List<PersistOutcome> PostgresOutcomes { get; } = [];

        public async Task InitializeAsync()
        {
            Sqlite = await TempWarehouse.CreateAsync();
            Postgres = await PostgresWarehouse.CreateHostileAsync();
            foreach (var (batch, marks) in await ParityData.BuildAsync(sourceRows: 3_000, postings: 4_000, batchSize: 700))
            {
                SqliteOutcomes.Add(await Sqlite.Warehouse.PersistAsync(batch, marks, CancellationToken.None));
                PostgresOutcomes.Add(await Postgres.Warehouse.PersistAsync(batch, marks, CancellationToken.None));
            }
        }

        public async Task DisposeAsync()
        {
            await Sqlite.DisposeAsync();
            await Postgres.DisposeAsync();
        }
    }
}
