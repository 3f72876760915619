using Microsoft.Data.Sqlite;

namespace Pinterest.Modular.Tests.Integration.Database;

/// <summary>
/// The warehouse in a SQLite file of its own (<c>Database:Provider=Sqlite</c>), migrated, for the contract tests every
/// engine passes, migrated unless asked not to; the folder is deleted on dispose.
/// </summary>
internal sealed class SqliteFileWarehouse : ServerWarehouse
{
    private readonly string root;

    private SqliteFileWarehouse(string root, IDictionary<string, string?> settings)
        : base("Sqlite", $"Data Source={Path.Combine(root, "warehouse.db")}", Path.GetFileName(root), settings)
    {
        this.root = root;
    }

    private string DatabaseFile => Path.Combine(root, "warehouse.db");

    /// <summary>A warehouse in a new file, migrated.</summary>
    public static async Task<SqliteFileWarehouse> CreateAsync()
    {
        var warehouse = OnMissingDatabase();
        await warehouse.Schema.MigrateAsync(CancellationToken.None);
        return warehouse;
    }

    /// <summary>A warehouse whose file does not exist yet (its folder does): SQLite's empty database.</summary>
    public static SqliteFileWarehouse OnMissingDatabase(IDictionary<string, string?>? settings = null)
    {
        var root = Path.Combine(Path.GetTempPath(), "pm-sqlite-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        return new SqliteFileWarehouse(root, settings ?? new Dictionary<string, string?>());
    }

    public override Task<bool> ExistsAsync() => Task.FromResult(File.Exists(DatabaseFile));

    public override Task<List<object?>> ColumnAsync(string sql) => ColumnAsync(DatabaseFile, sql);

    /// <summary>Runs one statement on a fresh connection to <paramref name="file"/> and returns the first column of every row.</summary>
    public static async Task<List<object?>> ColumnAsync(string file, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<object?>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.IsDBNull(0) ? null : reader.GetValue(0));
        }

        return values;
    }

    /// <summary>SQLite keeps timestamps as UTC text already; the first 19 characters are the seconds.</summary>
    public override string UtcTextSql(string column) => $"substr({column}, 1, 19)";

    protected override ValueTask DropDatabaseAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(root, recursive: true);
        return ValueTask.CompletedTask;
    }
}
