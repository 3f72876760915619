using Microsoft.EntityFrameworkCore;

namespace Pinterest.Modular.Tests.Integration.Database;

/// <summary>
/// The schema contract on MariaDB, and MySQL's own cases: its migrations set apart from the others, binary utf8mb4
/// everywhere, its column types.
/// </summary>
[Collection(MariaDbGroup.Name)]
public sealed class MySqlWarehouseSchemaTests(MariaDbServer server) : WarehouseSchemaContract
{
    private protected override string TablesSql => "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()";

    /// <summary>Off is a server engine's default: a deployment that sets nothing meets exactly this.</summary>
    private protected override IDictionary<string, string?> MigrateOff => new Dictionary<string, string?>();

    private protected override async Task<ServerWarehouse> CreateWarehouseAsync() => await MySqlWarehouse.CreateAsync(server);

    private protected override async Task<ServerWarehouse> UnmigratedAsync(IDictionary<string, string?>? settings = null) =>
        await MySqlWarehouse.UnmigratedAsync(server, settings);

    private protected override ServerWarehouse OnMissingDatabase() => MySqlWarehouse.OnMissingDatabase(server);

    private protected override string ColumnsSql(string table) =>
        $"SELECT column_name FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = '{table}' ORDER BY ordinal_position";

    private protected override string PrimaryKeySql(string table) =>
        "SELECT column_name FROM information_schema.key_column_usage "
        + $"WHERE table_schema = DATABASE() AND table_name = '{table}' AND constraint_name = 'PRIMARY' ORDER BY ordinal_position";

    private protected override string UniqueColumnsSql(string table) =>
        "SELECT column_name FROM information_schema.statistics "
        + $"WHERE table_schema = DATABASE() AND table_name = '{table}' AND non_unique = 0 AND index_name <> 'PRIMARY' ORDER BY seq_in_index";

    /// <summary>Compares this engine's set with the other two: a trio of engines, not a case each engine repeats.</summary>
    [Fact]
    public async Task Migrations_OfMySqlPostgresAndSqlite_AreSeparateSets()
    {
        await using var mysql = MySqlWarehouse.OnMissingDatabase(server);
        await using var postgres = PostgresWarehouse.OnMissingDatabase();
        await using var sqlite = TempWarehouse.Unmigrated();
        await using var mysqlDb = await mysql.Contexts.CreateDbContextAsync();
        await using var postgresDb = await postgres.Contexts.CreateDbContextAsync();
        await using var sqliteDb = await sqlite.Contexts.CreateDbContextAsync();

        var mysqlSet = mysqlDb.Database.GetMigrations().ToList();

        mysqlSet.Should().NotBeEmpty();
        mysqlSet.Should().NotIntersectWith(postgresDb.Database.GetMigrations()).And.NotIntersectWith(sqliteDb.Database.GetMigrations());
    }

    [Fact]
    public async Task Migrate_OnAServerWhoseDefaultCollationFoldsCase_MakesEveryWarehouseTextColumnUtf8mb4Binary()
    {
        await using var warehouse = await MySqlWarehouse.CreateHostileAsync(server);

        // EF's own history table keeps the database's default; it holds migration ids only.
        var collations = await warehouse.Database.ColumnAsync(
            "SELECT DISTINCT collation_name FROM information_schema.columns "
            + "WHERE table_schema = DATABASE() AND collation_name IS NOT NULL AND table_name <> '__EFMigrationsHistory'");

        collations.Should().Equal("utf8mb4_bin");
    }

    [Theory]
    [InlineData("geo", "timestamp", "datetime(6)")]
    [InlineData("users", "date_joined", "datetime(6)")]
    [InlineData("pins", "ind", "bigint(20)")]
    [InlineData("rejected_records", "source", "varchar(255)")]
    public async Task Migrate_UsesMySqlTypes(string table, string column, string type)
    {
        await using var warehouse = await MySqlWarehouse.CreateAsync(server);

        var actual = await warehouse.Database.ColumnAsync(
            $"SELECT column_type FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = '{table}' AND column_name = '{column}'");

        actual.Should().Equal(type);
    }
}
