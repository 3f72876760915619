using Microsoft.EntityFrameworkCore;
using static Pinterest.Modular.Tests.Integration.Database.TestRows;

namespace Pinterest.Modular.Tests.Integration.Database;

/// <summary>MySQL's own migrations set on MariaDB: creates the database, applies once, binary utf8mb4 everywhere.</summary>
[Collection(MariaDbGroup.Name)]
public sealed class MySqlSchemaTests(MariaDbServer server)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Migrate_WhenTheDatabaseDoesNotExist_CreatesItAndAppliesEveryMySqlMigration()
    {
        await using var warehouse = MySqlWarehouse.OnMissingDatabase(server);
        (await warehouse.Database.ExistsAsync()).Should().BeFalse();

        var applied = await warehouse.Schema.MigrateAsync(None);

        (await warehouse.Database.ExistsAsync()).Should().BeTrue();
        await using var db = await warehouse.Contexts.CreateDbContextAsync();
        applied.Should().NotBeEmpty().And.Equal(db.Database.GetMigrations());
        (await warehouse.Schema.PendingAsync(None)).Should().BeEmpty();
    }

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
    public async Task Migrate_WhenRunTwice_AppliesNothingAndKeepsTheData()
    {
        await using var warehouse = await MySqlWarehouse.CreateAsync(server);
        await warehouse.PersistAsync(Batch([Pin(1)]));

        var applied = await warehouse.Schema.MigrateAsync(None);

        applied.Should().BeEmpty();
        (await warehouse.Warehouse.CountAsync(None)).Pins.Should().Be(1);
    }

    [Fact]
    public async Task EnsureCreated_WhenMigrateIsNotSet_FailsOnAnEmptyDatabaseNamingTheMigrateVerb()
    {
        await using var warehouse = await MySqlWarehouse.UnmigratedAsync(server);

        var ensure = () => warehouse.Warehouse.EnsureCreatedAsync(None);

        await ensure.Should().ThrowAsync<InvalidOperationException>().WithMessage("*MySql*pinterest-modular migrate*");
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
