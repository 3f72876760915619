namespace Pinterest.Modular.Tests.Integration.Database;

/// <summary>
/// The warehouse on its own database of the collection's MariaDB container (<c>Database:Provider=MySql</c>), migrated
/// unless asked not to; the database is dropped on dispose.
/// </summary>
internal sealed class MySqlWarehouse : ServerWarehouse
{
    private MySqlWarehouse(MySqlDatabase database, IDictionary<string, string?> settings)
        : base("MySql", database.ConnectionString, database.Name, settings)
    {
        Database = database;
    }

    public MySqlDatabase Database { get; }

    /// <summary>A warehouse on a new database, migrated.</summary>
    public static async Task<MySqlWarehouse> CreateAsync(MariaDbServer server, IDictionary<string, string?>? settings = null)
    {
        var warehouse = await UnmigratedAsync(server, settings);
        await warehouse.Schema.MigrateAsync(CancellationToken.None);
        return warehouse;
    }

    /// <summary>
    /// A migrated warehouse whose database's default collation is case- and accent-insensitive (the server's default
    /// here, utf8mb4_general_ci: "apple" before "Zebra", "Zebra" equal to "zebra"): what the warehouse's SQL must not
    /// depend on. (A session time zone cannot matter: datetime columns have none.)
    /// </summary>
    public static async Task<MySqlWarehouse> CreateHostileAsync(MariaDbServer server)
    {
        var warehouse = await UnmigratedAsync(server);
        (await warehouse.Database.ColumnAsync("SELECT @@collation_database")).Should().Equal("utf8mb4_general_ci");
        await warehouse.Schema.MigrateAsync(CancellationToken.None);
        return warehouse;
    }

    /// <summary>A warehouse on a new, empty database.</summary>
    public static async Task<MySqlWarehouse> UnmigratedAsync(MariaDbServer server, IDictionary<string, string?>? settings = null) =>
        new(await MySqlDatabase.CreateAsync(server), settings ?? new Dictionary<string, string?>());

    /// <summary>A warehouse whose database does not exist yet.</summary>
    public static MySqlWarehouse OnMissingDatabase(MariaDbServer server) => new(MySqlDatabase.Named(server), new Dictionary<string, string?>());

    public override Task<bool> ExistsAsync() => Database.ExistsAsync();

    public override Task<List<object?>> ColumnAsync(string sql) => Database.ColumnAsync(sql);

    // datetime has no zone: the stored value is UTC already.
    public override string UtcTextSql(string column) => $"DATE_FORMAT({column}, '%Y-%m-%d %H:%i:%s')";

    protected override ValueTask DropDatabaseAsync() => Database.DisposeAsync();
}
