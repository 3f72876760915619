using Microsoft.EntityFrameworkCore;
using static Pinterest.Modular.Tests.Integration.Database.TestRows;

namespace Pinterest.Modular.Tests.Integration.Database;

/// <summary>
/// What every engine's own migrations set gives: the database created when missing, applied once, the spec's tables,
/// columns and keys, and <c>Database:Migrate</c> obeyed at start. One subclass per engine, each with the engine's
/// catalog queries and its own cases (column types, collations, pragmas).
/// </summary>
public abstract class WarehouseSchemaContract
{
    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary>A migrated warehouse on a new database of the engine under test.</summary>
    private protected abstract Task<ServerWarehouse> CreateWarehouseAsync();

    /// <summary>A warehouse on a new, empty database (SQLite: no file yet).</summary>
    private protected abstract Task<ServerWarehouse> UnmigratedAsync(IDictionary<string, string?>? settings = null);

    /// <summary>A warehouse whose database does not exist yet.</summary>
    private protected abstract ServerWarehouse OnMissingDatabase();

    /// <summary>The settings under which the host does not migrate at start.</summary>
    private protected virtual IDictionary<string, string?> MigrateOff => new Dictionary<string, string?> { ["Database:Migrate"] = "false" };

    /// <summary>SQL giving the names of the tables in the warehouse's database.</summary>
    private protected abstract string TablesSql { get; }

    /// <summary>SQL giving the column names of <paramref name="table"/>.</summary>
    private protected abstract string ColumnsSql(string table);

    /// <summary>SQL giving the primary key's columns of <paramref name="table"/>, in key order.</summary>
    private protected abstract string PrimaryKeySql(string table);

    /// <summary>SQL giving the columns of the unique indexes of <paramref name="table"/> other than its primary key.</summary>
    private protected abstract string UniqueColumnsSql(string table);

    [Fact]
    public async Task Migrate_WhenTheDatabaseDoesNotExist_CreatesItAndAppliesEveryMigrationOfTheEngine()
    {
        await using var warehouse = OnMissingDatabase();
        (await warehouse.ExistsAsync()).Should().BeFalse();

        var applied = await warehouse.Schema.MigrateAsync(None);

        (await warehouse.ExistsAsync()).Should().BeTrue();
        await using var db = await warehouse.Contexts.CreateDbContextAsync();
        applied.Should().NotBeEmpty().And.Equal(db.Database.GetMigrations());
        (await db.Database.GetAppliedMigrationsAsync()).Should().Equal(applied);
        (await warehouse.Schema.PendingAsync(None)).Should().BeEmpty();
    }

    [Fact]
    public async Task Migrate_WhenRunTwice_AppliesNothingAndKeepsTheData()
    {
        await using var warehouse = await CreateWarehouseAsync();
        await warehouse.PersistAsync(Batch([Pin(1)]));

        var applied = await warehouse.Schema.MigrateAsync(None);

        applied.Should().BeEmpty();
        (await warehouse.Warehouse.CountAsync(None)).Pins.Should().Be(1);
    }

    [Fact]
    public async Task EnsureCreated_WhenMigrateIsOff_FailsOnAnEmptyDatabaseNamingTheMigrateVerb_AndCreatesNoTable()
    {
        await using var warehouse = await UnmigratedAsync(MigrateOff);

        var ensure = () => warehouse.Warehouse.EnsureCreatedAsync(None);

        await ensure.Should().ThrowAsync<InvalidOperationException>()
            .WithMessage($"The {warehouse.Provider} warehouse schema is not up to date*pending*pinterest-modular migrate*Database:Migrate=true*");
        (await warehouse.ColumnAsync(TablesSql)).Should().BeEmpty();
    }

    [Fact]
    public async Task EnsureCreated_WhenMigrateIsOffAndTheSchemaIsCurrent_Succeeds()
    {
        await using var warehouse = await UnmigratedAsync(MigrateOff);
        await warehouse.Schema.MigrateAsync(None);

        await warehouse.Warehouse.EnsureCreatedAsync(None);

        (await warehouse.Warehouse.CountAsync(None)).Should().Be(new Application.Persistence.TableCounts(0, 0, 0, 0));
    }

    [Fact]
    public async Task EnsureCreated_WhenMigrateIsTrue_MigratesAnEmptyDatabase()
    {
        await using var warehouse = await UnmigratedAsync(new Dictionary<string, string?> { ["Database:Migrate"] = "true" });

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
    [InlineData("leases", "name,owner,expires_at")]
    [InlineData("warehouse_changes", "table_name,version")]
    public async Task Migrate_CreatesTableWithTheSpecsSnakeCaseColumns(string table, string columns)
    {
        await using var warehouse = await CreateWarehouseAsync();

        var actual = await warehouse.ColumnAsync(ColumnsSql(table));

        actual.Should().BeEquivalentTo(columns.Split(','));
    }

    [Theory]
    [InlineData("pins", "ind")]
    [InlineData("geo", "ind")]
    [InlineData("users", "ind")]
    [InlineData("rejected_records", "id")]
    [InlineData("progress_marks", "scope,key")]
    [InlineData("analytics_results", "run_id,name")]
    [InlineData("leases", "name")]
    [InlineData("warehouse_changes", "table_name")]
    public async Task Migrate_KeysTablesAsTheSpecSays(string table, string key)
    {
        await using var warehouse = await CreateWarehouseAsync();

        var actual = await warehouse.ColumnAsync(PrimaryKeySql(table));

        actual.Should().Equal(key.Split(','));
    }

    [Fact]
    public async Task Migrate_MakesRejectedSourceUnique()
    {
        await using var warehouse = await CreateWarehouseAsync();

        var unique = await warehouse.ColumnAsync(UniqueColumnsSql("rejected_records"));

        unique.Should().Equal("source");
    }
}
