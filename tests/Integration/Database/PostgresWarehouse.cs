namespace Pinterest.Modular.Tests.Integration.Database;

/// <summary>
/// The warehouse on its own PostgreSQL database (<c>Database:Provider=Postgres</c>), migrated unless asked not to; the
/// database is dropped on dispose.
/// </summary>
internal sealed class PostgresWarehouse : ServerWarehouse
{
    private PostgresWarehouse(PostgresDatabase database, IDictionary<string, string?> settings)
        : base("Postgres", database.ConnectionString, database.Name, settings)
    {
        Database = database;
    }

    public PostgresDatabase Database { get; }

    /// <summary>A warehouse on a new database, migrated.</summary>
    public static async Task<PostgresWarehouse> CreateAsync(IDictionary<string, string?>? settings = null)
    {
        var warehouse = await UnmigratedAsync(settings);
        await warehouse.Schema.MigrateAsync(CancellationToken.None);
        return warehouse;
    }

    /// <summary>
    /// A migrated warehouse whose database sorts text by an English ICU collation (case and accents folded, so
    /// "apple" before "Zebra") and whose sessions run in a time zone 14 hours ahead of UTC: what the warehouse's
    /// SQL must not depend on.
    /// </summary>
    public static async Task<PostgresWarehouse> CreateHostileAsync()
    {
        var database = await PostgresDatabase.CreateAsync("TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C.UTF-8'");
        var warehouse = new PostgresWarehouse(database, new Dictionary<string, string?>
        {
            ["ConnectionStrings:Warehouse"] = database.With(builder => builder.Timezone = "Pacific/Kiritimati"),
        });
        await warehouse.Schema.MigrateAsync(CancellationToken.None);
        return warehouse;
    }

    /// <summary>A warehouse on a new, empty database.</summary>
    public static async Task<PostgresWarehouse> UnmigratedAsync(IDictionary<string, string?>? settings = null) =>
        new(await PostgresDatabase.CreateAsync(), settings ?? new Dictionary<string, string?>());

    /// <summary>A warehouse whose database does not exist yet.</summary>
    public static PostgresWarehouse OnMissingDatabase() => new(PostgresDatabase.Named(), new Dictionary<string, string?>());

    public override Task<bool> ExistsAsync() => Database.ExistsAsync();

    public override Task<List<object?>> ColumnAsync(string sql) => Database.ColumnAsync(sql);

    public override string UtcTextSql(string column) => $"to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')";

    protected override ValueTask DropDatabaseAsync() => Database.DisposeAsync();
}
