using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pinterest.Modular.Infrastructure.Database;

namespace Pinterest.Modular.Tests.Integration.Database;

/// <summary>
/// The schema contract on SQLite, and SQLite's own cases: the host's default file under <c>Pipeline:DataDir</c>,
/// migrated at start by default (a file of the host's own, not a DBA's server), and the pragmas its writers need.
/// </summary>
public sealed class SqliteWarehouseSchemaTests : WarehouseSchemaContract
{
    private protected override string TablesSql => "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";

    private protected override async Task<ServerWarehouse> CreateWarehouseAsync() => await SqliteFileWarehouse.CreateAsync();

    private protected override Task<ServerWarehouse> UnmigratedAsync(IDictionary<string, string?>? settings = null) =>
        Task.FromResult<ServerWarehouse>(SqliteFileWarehouse.OnMissingDatabase(settings));

    private protected override ServerWarehouse OnMissingDatabase() => SqliteFileWarehouse.OnMissingDatabase();

    private protected override string ColumnsSql(string table) => $"SELECT name FROM pragma_table_info('{table}') ORDER BY name";

    private protected override string PrimaryKeySql(string table) => $"SELECT name FROM pragma_table_info('{table}') WHERE pk > 0 ORDER BY pk";

    private protected override string UniqueColumnsSql(string table) =>
        $"SELECT ii.name FROM pragma_index_list('{table}') il JOIN pragma_index_info(il.name) ii WHERE il.\"unique\" = 1 AND il.origin <> 'pk'";

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
