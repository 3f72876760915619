using Microsoft.Data.Sqlite;

namespace Pinterest.Modular.Tests.Integration.Database;

/// <summary>
/// A real SQLite warehouse file in its own temp folder, wired as the host wires it (default connection string under
/// Pipeline:DataDir), migrated, and deleted on dispose.
/// </summary>
internal sealed class TempWarehouse : ServerWarehouse
{
    private TempWarehouse(string root, IDictionary<string, string?> settings)
        : base("Sqlite", Path.Combine(root, "data"), settings)
    {
        Root = root;
        DataDir = Path.Combine(root, "data");
    }

    public string Root { get; }

    /// <summary>Does not exist until the warehouse opens it: the provider creates it.</summary>
    public string DataDir { get; }

    public string DatabaseFile => Path.Combine(DataDir, "warehouse.db");

    /// <summary>A warehouse whose schema is migrated already.</summary>
    public static async Task<TempWarehouse> CreateAsync()
    {
        var warehouse = Unmigrated();
        await warehouse.Warehouse.EnsureCreatedAsync(CancellationToken.None);
        return warehouse;
    }

    public static TempWarehouse Unmigrated(IDictionary<string, string?>? settings = null) =>
        new(Path.Combine(Path.GetTempPath(), "pm-warehouse-" + Guid.NewGuid().ToString("N")), settings ?? new Dictionary<string, string?>());

    public override Task<bool> ExistsAsync() => Task.FromResult(File.Exists(DatabaseFile));

    public override Task<List<object?>> ColumnAsync(string sql) => SqliteFileWarehouse.ColumnAsync(DatabaseFile, sql);

    /// <summary>Runs one statement on a fresh connection and returns the first column of every row.</summary>
    public Task<List<object?>> ScalarColumnAsync(string sql) => ColumnAsync(sql);

    /// <summary>SQLite keeps timestamps as UTC text already; the first 19 characters are the seconds.</summary>
    public override string UtcTextSql(string column) => $"substr({column}, 1, 19)";

    protected override ValueTask DropDatabaseAsync()
    {
        // Pooled connections keep the file open; release them before deleting the folder.
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }

        return ValueTask.CompletedTask;
    }
}
