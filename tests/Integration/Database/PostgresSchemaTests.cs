using Microsoft.EntityFrameworkCore;
using static Pinterest.Modular.Tests.Integration.Database.TestRows;

namespace Pinterest.Modular.Tests.Integration.Database;

public sealed class PostgresSchemaTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Migrate_WhenTheDatabaseDoesNotExist_CreatesItAndAppliesEveryPostgresMigration()
    {
        await using var warehouse = PostgresWarehouse.OnMissingDatabase();
        (await warehouse.Database.ExistsAsync()).Should().BeFalse();

        var applied = await warehouse.Schema.MigrateAsync(None);

        (await warehouse.Database.ExistsAsync()).Should().BeTrue();
        await using var db = await warehouse.Contexts.CreateDbContextAsync();
        applied.Should().NotBeEmpty().And.Equal(db.Database.GetMigrations());
        (await db.Database.GetAppliedMigrationsAsync()).Should().Equal(applied);
        (await warehouse.Schema.PendingAsync(None)).Should().BeEmpty();
    }

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

    [Fact]
    public async Task Migrate_WhenRunTwice_AppliesNothingAndKeepsTheData()
    {
        await using var warehouse = await PostgresWarehouse.CreateAsync();
        await warehouse.PersistAsync(Batch([Pin(1)]));

        var applied = await warehouse.Schema.MigrateAsync(None);

        applied.Should().BeEmpty();
        (await warehouse.Warehouse.CountAsync(None)).Pins.Should().Be(1);
    }

    [Fact]
    public async Task EnsureCreated_WhenMigrateIsNotSet_FailsOnAnEmptyDatabaseNamingTheMigrateVerb()
    {
        await using var warehouse = await PostgresWarehouse.UnmigratedAsync();

        var ensure = () => warehouse.Warehouse.EnsureCreatedAsync(None);

        await ensure.Should().ThrowAsync<InvalidOperationException>()
            .WithMessage("The Postgres warehouse schema is not up to date*pending*pinterest-modular migrate*Database:Migrate=true*");
        (await warehouse.Database.ColumnAsync("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"))
            .Should().Equal(0L);
    }

    [Fact]
    public async Task EnsureCreated_WhenMigrateIsNotSetAndTheSchemaIsCurrent_Succeeds()
    {
        await using var warehouse = await PostgresWarehouse.CreateAsync();

        await warehouse.Warehouse.EnsureCreatedAsync(None);

        (await warehouse.Warehouse.CountAsync(None)).Should().Be(new Application.Persistence.TableCounts(0, 0, 0, 0));
    }

    [Fact]
    public async Task EnsureCreated_WhenMigrateIsTrue_MigratesAnEmptyDatabase()
    {
        await using var warehouse = await PostgresWarehouse.UnmigratedAsync(new Dictionary<string, string?> { ["Database:Migrate"] = "true" });

        await warehouse.Warehouse.EnsureCreatedAsync(None);

        (await warehouse.Schema.PendingAsync(None)).Should().BeEmpty();
    }

    [Theory]
    [InlineData("pins", "ind,unique_id,title,description,follower_count,poster_name,tag_list,is_image_or_video,image_src,save_location,category")]
    [InlineData("geo", "ind,country,latitude,longitude,timestamp")]
    [InlineData("users", "ind,user_name,age,date_joined")]
    [InlineData("rejected_records", "id,kind,source,reason,raw_json,rejected_at")]
    [InlineData("batch_runs", "id,trigger,status,queued_at,started_at,finished_at,objects_read,rows_upserted,rejected,error,host")]
    [InlineData("progress_marks", "scope,key,value,updated_at")]
    [InlineData("analytics_results", "run_id,name,computed_at,result_json,warehouse_version")]
    [InlineData("warehouse_changes", "table_name,version")]
    public async Task Migrate_CreatesTableWithTheSpecColumns(string table, string columns)
    {
        await using var warehouse = await PostgresWarehouse.CreateAsync();

        var actual = await warehouse.Database.ColumnAsync(
            $"SELECT column_name FROM information_schema.columns WHERE table_name = '{table}' ORDER BY ordinal_position");

        actual.Should().BeEquivalentTo(columns.Split(','));
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

    [Theory]
    [InlineData("pins", "ind")]
    [InlineData("geo", "ind")]
    [InlineData("users", "ind")]
    [InlineData("rejected_records", "id")]
    [InlineData("progress_marks", "scope,key")]
    [InlineData("analytics_results", "run_id,name")]
    [InlineData("warehouse_changes", "table_name")]
    public async Task Migrate_KeysTablesAsTheSpecSays(string table, string key)
    {
        await using var warehouse = await PostgresWarehouse.CreateAsync();

        var actual = await warehouse.Database.ColumnAsync($"""
            SELECT a.attname FROM pg_index i
            JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, n) ON true
            JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
            WHERE i.indrelid = '{table}'::regclass AND i.indisprimary ORDER BY k.n
            """);

        actual.Should().Equal(key.Split(','));
    }

    [Fact]
    public async Task Migrate_MakesRejectedSourceUnique()
    {
        await using var warehouse = await PostgresWarehouse.CreateAsync();

        var unique = await warehouse.Database.ColumnAsync("""
            SELECT a.attname FROM pg_index i
            JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
            WHERE i.indrelid = 'rejected_records'::regclass AND i.indisunique AND NOT i.indisprimary
            """);

        unique.Should().Equal("source");
    }
}
