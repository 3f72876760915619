using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pinterest.Modular.Infrastructure.Database;

namespace Pinterest.Modular.Tests.Integration.Database;

public sealed class WarehouseSchemaTests
{
    [Fact]
    public async Task EnsureCreated_OnEmptyDataDir_CreatesFolderFileAndAppliesEveryMigration()
    {
        await using var warehouse = TempWarehouse.Unmigrated();
        Directory.Exists(warehouse.DataDir).Should().BeFalse();

        await warehouse.Warehouse.EnsureCreatedAsync(CancellationToken.None);

        File.Exists(warehouse.DatabaseFile).Should().BeTrue();
        await using var db = await warehouse.Contexts.CreateDbContextAsync();
        (await db.Database.GetPendingMigrationsAsync()).Should().BeEmpty();
        (await db.Database.GetAppliedMigrationsAsync()).Should().NotBeEmpty();
    }

    [Fact]
    public async Task EnsureCreated_WhenRunTwice_KeepsTheData()
    {
        await using var warehouse = await TempWarehouse.CreateAsync();
        await warehouse.SeedAsync(pins: [TestRows.Pin(1)]);

        await warehouse.Warehouse.EnsureCreatedAsync(CancellationToken.None);

        (await warehouse.Warehouse.CountAsync(CancellationToken.None)).Pins.Should().Be(1);
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
    public async Task EnsureCreated_CreatesTableWithSnakeCaseColumns(string table, string columns)
    {
        await using var warehouse = await TempWarehouse.CreateAsync();

        var actual = await warehouse.ScalarColumnAsync($"SELECT name FROM pragma_table_info('{table}') ORDER BY name");

        actual.Should().BeEquivalentTo(columns.Split(','));
    }

    [Theory]
    [InlineData("pins", "ind")]
    [InlineData("geo", "ind")]
    [InlineData("users", "ind")]
    [InlineData("progress_marks", "scope,key")]
    [InlineData("analytics_results", "run_id,name")]
    [InlineData("leases", "name")]
    [InlineData("warehouse_changes", "table_name")]
    public async Task EnsureCreated_KeysTablesAsTheSpecSays(string table, string key)
    {
        await using var warehouse = await TempWarehouse.CreateAsync();

        var actual = await warehouse.ScalarColumnAsync($"SELECT name FROM pragma_table_info('{table}') WHERE pk > 0 ORDER BY pk");

        actual.Should().Equal(key.Split(','));
    }

    [Fact]
    public async Task EnsureCreated_MakesRejectedSourceUnique()
    {
        await using var warehouse = await TempWarehouse.CreateAsync();

        var unique = await warehouse.ScalarColumnAsync(
            "SELECT ii.name FROM pragma_index_list('rejected_records') il JOIN pragma_index_info(il.name) ii WHERE il.\"unique\" = 1");

        unique.Should().Equal("source");
    }

    [Theory]
    [InlineData("PRAGMA journal_mode", "wal")]
    [InlineData("PRAGMA synchronous", 1L)]
    [InlineData("PRAGMA foreign_keys", 0L)]
    [InlineData("PRAGMA busy_timeout", 30000L)]
    public async Task OpenedConnection_HasThePragmasForConcurrentWriters(string pragma, object expected)
    {
        await using var warehouse = await TempWarehouse.CreateAsync();
        await using var db = await warehouse.Contexts.CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = pragma;

        var value = await command.ExecuteScalarAsync();

        value.Should().Be(expected);
    }

    [Fact]
    public void Options_WhenConnectionStringIsEmpty_DefaultToWarehouseFileInDataDir()
    {
        var options = new DatabaseOptions();

        options.ReadFrom(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build(), "/srv/pipeline");

        options.Provider.Should().Be("Sqlite");
        options.ConnectionString.Should().Be("Data Source=/srv/pipeline/warehouse.db");
    }

    [Fact]
    public async Task Options_WhenConnectionStringIsSet_UseIt()
    {
        var file = Path.Combine(Path.GetTempPath(), "pm-explicit-" + Guid.NewGuid().ToString("N") + ".db");
        await using var warehouse = TempWarehouse.Unmigrated(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Warehouse"] = $"Data Source={file}",
        });
        try
        {
            await warehouse.Warehouse.EnsureCreatedAsync(CancellationToken.None);

            File.Exists(file).Should().BeTrue();
            Directory.Exists(warehouse.DataDir).Should().BeFalse();
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var path in new[] { file, file + "-wal", file + "-shm" })
            {
                File.Delete(path);
            }
        }
    }

    [Fact]
    public async Task Options_WhenProviderIsUnknown_FailValidationNamingTheKey()
    {
        await using var warehouse = TempWarehouse.Unmigrated(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Oracle",
        });

        var read = () => warehouse.Get<IOptions<DatabaseOptions>>().Value;

        read.Should().Throw<OptionsValidationException>().WithMessage("*Database:Provider*Oracle*Sqlite*");
    }
}
