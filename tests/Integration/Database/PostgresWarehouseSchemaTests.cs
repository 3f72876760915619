using Microsoft.EntityFrameworkCore;

namespace Pinterest.Modular.Tests.Integration.Database;

/// <summary>The schema contract on PostgreSQL, and its own cases: its migrations set apart from SQLite's, its column types.</summary>
public sealed class PostgresWarehouseSchemaTests : WarehouseSchemaContract
{
    private protected override string TablesSql => "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'";

    /// <summary>Off is a server engine's default: a deployment that sets nothing meets exactly this.</summary>
    private protected override IDictionary<string, string?> MigrateOff => new Dictionary<string, string?>();

    private protected override async Task<ServerWarehouse> CreateWarehouseAsync() => await PostgresWarehouse.CreateAsync();

    private protected override async Task<ServerWarehouse> UnmigratedAsync(IDictionary<string, string?>? settings = null) =>
        await PostgresWarehouse.UnmigratedAsync(settings);

    private protected override ServerWarehouse OnMissingDatabase() => PostgresWarehouse.OnMissingDatabase();

    private protected override string ColumnsSql(string table) =>
        $"SELECT column_name FROM information_schema.columns WHERE table_name = '{table}' ORDER BY ordinal_position";

    private protected override string PrimaryKeySql(string table) => $"""
        SELECT a.attname FROM pg_index i
        JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, n) ON true
        JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
        WHERE i.indrelid = '{table}'::regclass AND i.indisprimary ORDER BY k.n
        """;

    private protected override string UniqueColumnsSql(string table) => $"""
        SELECT a.attname FROM pg_index i
        JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
        WHERE i.indrelid = '{table}'::regclass AND i.indisunique AND NOT i.indisprimary
        """;

    /// <summary>Compares this engine's set with SQLite's: a pair of engines, not a case each engine repeats.</summary>
    [Fact]
    public async Task Migrations_OfPostgresAndSqlite_AreSeparateSets()
    {
        await using var postgres = PostgresWarehouse.OnMissingDatabase();
        await using var sqlite = TempWarehouse.Unmigrated();
        await using var postgresDb = await postgres.Contexts.CreateDbContextAsync();
        await using var sqliteDb = await sqlite.Contexts.CreateDbContextAsync();

        var postgresSet = postgresDb.Database.GetMigrations().ToList();
        var sqliteSet = sqliteDb.Database.GetMigrations().ToList();

        postgresSet.Should().NotBeEmpty();
        sqliteSet.Should().NotBeEmpty();
        postgresSet.Should().NotIntersectWith(sqliteSet);
    }

    [Theory]
    [InlineData("pins", "ind", "bigint")]
    [InlineData("pins", "follower_count", "bigint")]
    [InlineData("pins", "category", "text")]
    [InlineData("geo", "latitude", "double precision")]
    [InlineData("geo", "timestamp", "timestamp with time zone")]
    [InlineData("users", "age", "integer")]
    [InlineData("users", "date_joined", "timestamp with time zone")]
    [InlineData("rejected_records", "rejected_at", "timestamp with time zone")]
    [InlineData("batch_runs", "queued_at", "timestamp with time zone")]
    [InlineData("progress_marks", "updated_at", "timestamp with time zone")]
    [InlineData("analytics_results", "computed_at", "timestamp with time zone")]
    public async Task Migrate_UsesPostgresTypes_TimestampsWithTimeZone(string table, string column, string type)
    {
        await using var warehouse = await PostgresWarehouse.CreateAsync();

        var actual = await warehouse.Database.ColumnAsync(
            $"SELECT data_type FROM information_schema.columns WHERE table_name = '{table}' AND column_name = '{column}'");

        actual.Should().Equal(type);
    }
}
