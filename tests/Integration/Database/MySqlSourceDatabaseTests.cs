using Pinterest.Modular.Domain.Common;
using Pinterest.Modular.Infrastructure.Source;

namespace Pinterest.Modular.Tests.Integration.Database;

/// <summary>
/// The emulator's source tables on MariaDB (as RDS MySQL held them for the AWS build) read exactly as from the SQLite
/// file, byte for byte, by offset as the original emulator read them, and by key range as an in-order run reads them.
/// </summary>
[Collection(MariaDbGroup.Name)]
public sealed class MySqlSourceDatabaseTests(MariaDbServer server) : IAsyncLifetime, IDisposable
{
    private const int Rows = 1_500;
    private const int Seed = 20_240_601;

    private readonly TempDir folder = new("pm-mysql-source-");
    private MySqlDatabase database = null!;
    private MySqlSourceDatabase source = null!;
    private SqliteSourceDatabase sqlite = null!;

    public static TheoryData<RecordKind> Kinds => [RecordKind.Pin, RecordKind.Geo, RecordKind.User];

    public async Task InitializeAsync()
    {
        database = await MySqlDatabase.CreateAsync(server);
        source = new MySqlSourceDatabase(database.With(builder => builder.AllowLoadLocalInfile = true));
        sqlite = new SqliteSourceDatabase(folder.Combine("source.db"));
        await source.SeedAsync(Rows, Seed, null, CancellationToken.None);
        await sqlite.SeedAsync(Rows, Seed, null, CancellationToken.None);
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    public void Dispose()
    {
        sqlite?.Dispose();
        folder.Dispose();
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task ReadRow_ForEveryRow_GivesTheSameJsonAsTheSqliteSource(RecordKind kind)
    {
        for (var offset = 0; offset < Rows; offset++)
        {
            var expected = await sqlite.ReadRowAsync(kind, offset, CancellationToken.None);
            var actual = await source.ReadRowAsync(kind, offset, CancellationToken.None);

            actual.Should().Equal(expected, "row {0} of {1} must be sent as the SQLite source sends it", offset, kind);
        }

        (await source.CountAsync(kind, CancellationToken.None)).Should().Be(Rows);
        (await source.ReadRowAsync(kind, Rows, CancellationToken.None)).Should().BeNull();
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task ReadRows_OfARange_GivesEachRowsJsonInKeyOrder_AndNothingPastTheLastRow(RecordKind kind)
    {
        var expected = new List<byte[]>();
        for (var offset = Rows - 40; offset < Rows; offset++)
        {
            expected.Add((await sqlite.ReadRowAsync(kind, offset, CancellationToken.None))!);
        }

        var actual = await source.ReadRowsAsync(kind, Rows - 40, 50, CancellationToken.None);

        actual.Select(Convert.ToHexString).Should().Equal(expected.Select(Convert.ToHexString), "the last 10 keys are past the table");
    }

    [Theory]
    [InlineData("pinterest_data", "index", "bigint")]
    [InlineData("pinterest_data", "follower_count", "text")]
    [InlineData("geolocation_data", "timestamp", "datetime")]
    [InlineData("geolocation_data", "latitude", "double")]
    [InlineData("user_data", "date_joined", "datetime")]
    [InlineData("user_data", "age", "bigint")]
    public async Task Seed_CreatesTheSpecTablesWithSourceTypesInUtf8mb4(string table, string column, string type)
    {
        var actual = await database.ColumnAsync(
            $"SELECT CONCAT(data_type, '/', COALESCE(character_set_name, '-')) FROM information_schema.columns "
            + $"WHERE table_schema = DATABASE() AND table_name = '{table}' AND column_name = '{column}'");

        actual.Should().Equal(type + "/" + (type == "text" ? "utf8mb4" : "-"));
    }

    [Fact]
    public async Task Seed_LeavesOnlyTheThreeSpecTables_ColumnsInSpecOrder()
    {
        (await database.ColumnAsync("SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() ORDER BY table_name"))
            .Should().Equal("geolocation_data", "pinterest_data", "user_data");
        (await database.ColumnAsync(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'geolocation_data' ORDER BY ordinal_position"))
            .Should().Equal("ind", "timestamp", "latitude", "longitude", "country");
    }

    [Fact]
    public async Task BeforeAnySeed_TablesReadAsEmpty()
    {
        await using var empty = await MySqlDatabase.CreateAsync(server);
        var unseeded = new MySqlSourceDatabase(empty.ConnectionString);

        (await unseeded.CountAsync(RecordKind.Pin, CancellationToken.None)).Should().Be(0);
        (await unseeded.ReadRowAsync(RecordKind.User, 0, CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task Seed_Again_ReplacesTheRows()
    {
        await using var other = await MySqlDatabase.CreateAsync(server);
        var reseeded = new MySqlSourceDatabase(other.With(builder => builder.AllowLoadLocalInfile = true));
        using var expectedFolder = new TempDir();
        using var expected = new SqliteSourceDatabase(expectedFolder.Combine("source.db"));
        await reseeded.SeedAsync(50, seed: 1, progress: null, CancellationToken.None);

        await reseeded.SeedAsync(10, seed: 2, progress: null, CancellationToken.None);
        await expected.SeedAsync(10, seed: 2, progress: null, CancellationToken.None);

        (await reseeded.CountAsync(RecordKind.Geo, CancellationToken.None)).Should().Be(10);
        (await reseeded.ReadRowAsync(RecordKind.Pin, 9, CancellationToken.None))
            .Should().Equal(await expected.ReadRowAsync(RecordKind.Pin, 9, CancellationToken.None));
    }
}
