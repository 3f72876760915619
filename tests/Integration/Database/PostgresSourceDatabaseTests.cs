using Pinterest.Modular.Domain.Common;
using Pinterest.Modular.Infrastructure.Source;

namespace Pinterest.Modular.Tests.Integration.Database;

/// <summary>The emulator's source tables on PostgreSQL read exactly as from the SQLite file, byte for byte.</summary>
public sealed class PostgresSourceDatabaseTests(PostgresSourceDatabaseTests.SeededBoth seeded)
    : IClassFixture<PostgresSourceDatabaseTests.SeededBoth>
{
    private const int Rows = 3_000;
    private const int Seed = 20_240_601;

    public static TheoryData<RecordKind> Kinds => [RecordKind.Pin, RecordKind.Geo, RecordKind.User];

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task ReadRow_ForEveryRow_GivesTheSameJsonAsTheSqliteSource(RecordKind kind)
    {
        for (var offset = 0; offset < Rows; offset++)
        {
            var expected = await seeded.Sqlite.ReadRowAsync(kind, offset, CancellationToken.None);
            var actual = await seeded.Postgres.ReadRowAsync(kind, offset, CancellationToken.None);

            actual.Should().Equal(expected, "row {0} of {1} must be sent as the SQLite source sends it", offset, kind);
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task ReadRows_OfARange_GivesEachRowsJsonInKeyOrder_AndNothingPastTheLastRow(RecordKind kind)
    {
        var expected = new List<byte[]>();
        for (var offset = Rows - 40; offset < Rows; offset++)
        {
            expected.Add((await seeded.Sqlite.ReadRowAsync(kind, offset, CancellationToken.None))!);
        }

        var actual = await seeded.Postgres.ReadRowsAsync(kind, Rows - 40, 50, CancellationToken.None);

        actual.Should().HaveCount(40, "the last 10 offsets are past the table");
        actual.Select(Convert.ToHexString).Should().Equal(expected.Select(Convert.ToHexString));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Count_AfterSeeding_IsTheRowCount_AndPastTheLastRowThereIsNone(RecordKind kind)
    {
        (await seeded.Postgres.CountAsync(kind, CancellationToken.None)).Should().Be(Rows);
        (await seeded.Postgres.ReadRowAsync(kind, Rows, CancellationToken.None)).Should().BeNull();
    }

    [Theory]
    [InlineData("pinterest_data", "index", "bigint")]
    [InlineData("pinterest_data", "follower_count", "text")]
    [InlineData("pinterest_data", "downloaded", "bigint")]
    [InlineData("geolocation_data", "timestamp", "timestamp without time zone")]
    [InlineData("geolocation_data", "latitude", "double precision")]
    [InlineData("user_data", "date_joined", "timestamp without time zone")]
    [InlineData("user_data", "age", "bigint")]
    public async Task Seed_CreatesTheSpecTablesWithSourceTypes(string table, string column, string type)
    {
        var actual = await seeded.Database.ColumnAsync(
            $"SELECT data_type FROM information_schema.columns WHERE table_name = '{table}' AND column_name = '{column}'");

        actual.Should().Equal(type);
    }

    [Fact]
    public async Task Seed_ListsTheSpecColumnsInOrder()
    {
        var columns = await seeded.Database.ColumnAsync(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'geolocation_data' ORDER BY ordinal_position");

        columns.Should().Equal("ind", "timestamp", "latitude", "longitude", "country");
    }

    [Fact]
    public async Task BeforeAnySeed_TablesReadAsEmpty()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        using var source = new PostgresSourceDatabase(database.ConnectionString);

        (await source.CountAsync(RecordKind.Pin, CancellationToken.None)).Should().Be(0);
        (await source.ReadRowAsync(RecordKind.User, 0, CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task Seed_Again_ReplacesTheRows()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        using var source = new PostgresSourceDatabase(database.ConnectionString);
        using var folder = new TempDir();
        using var expected = new SqliteSourceDatabase(folder.Combine("source.db"));
        await source.SeedAsync(50, seed: 1, progress: null, CancellationToken.None);
        var reported = new List<long>();

        await source.SeedAsync(10, seed: 2, new SynchronousProgress(reported), CancellationToken.None);
        await expected.SeedAsync(10, seed: 2, progress: null, CancellationToken.None);

        (await source.CountAsync(RecordKind.Geo, CancellationToken.None)).Should().Be(10);
        (await source.ReadRowAsync(RecordKind.Pin, 9, CancellationToken.None))
            .Should().Equal(await expected.ReadRowAsync(RecordKind.Pin, 9, CancellationToken.None));
        reported.Should().NotBeEmpty().And.EndWith(10L);
    }

    /// <summary>Reports on the caller's thread, so the list is complete when the seed returns.</summary>
    private sealed class SynchronousProgress(List<long> reported) : IProgress<long>
    {
        public void Report(long value) => reported.Add(value);
    }

    /// <summary>The same synthetic rows seeded into a SQLite file and a PostgreSQL database, once for the class.</summary>
    public sealed class SeededBoth : IAsyncLifetime, IDisposable
    {
        private readonly TempDir folder = new("pm-source-");

        internal PostgresDatabase Database { get; private set; } = null!;

        internal PostgresSourceDatabase Postgres { get; private set; } = null!;

        internal SqliteSourceDatabase Sqlite { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Database = await PostgresDatabase.CreateAsync();
            Postgres = new PostgresSourceDatabase(Database.ConnectionString);
            Sqlite = new SqliteSourceDatabase(folder.Combine("source.db"));
            await Postgres.SeedAsync(Rows, Seed, null, CancellationToken.None);
            await Sqlite.SeedAsync(Rows, Seed, null, CancellationToken.None);
        }

        public async Task DisposeAsync()
        {
            Postgres.Dispose();
            Sqlite.Dispose();
            await Database.DisposeAsync();
        }

        public void Dispose() => folder.Dispose();
    }
}
