using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pinterest.Modular.Application.Analytics;
using Pinterest.Modular.Application.Batch;
using Pinterest.Modular.Application.Persistence;
using Pinterest.Modular.Application.Routing;
using Pinterest.Modular.Infrastructure.Database;

namespace Pinterest.Modular.Tests.Integration.Database;

/// <summary>
/// The warehouse on its own PostgreSQL database, wired as the host wires it (<c>Database:Provider=Postgres</c>),
/// migrated unless asked not to; the database is dropped on dispose.
/// </summary>
internal sealed class PostgresWarehouse : IAsyncDisposable
{
    private readonly ServiceProvider services;

    private PostgresWarehouse(PostgresDatabase database, IDictionary<string, string?> settings)
    {
        Database = database;
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = "Postgres",
                ["ConnectionStrings:Warehouse"] = database.ConnectionString,
            })
            .AddInMemoryCollection(settings)
            .Build();
        services = new ServiceCollection()
            .Configure<PipelineOptions>(options => options.DataDir = Path.Combine(Path.GetTempPath(), "pm-unused-" + database.Name))
            .AddSingleton<TimeProvider>(Time)
            .AddWarehouseDatabase(configuration)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public PostgresDatabase Database { get; }

    public ManualClock Time { get; } = new(new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero));

    public IWarehouse Warehouse => services.GetRequiredService<IWarehouse>();

    public WarehouseSchema Schema => services.GetRequiredService<WarehouseSchema>();

    public IBatchRunStore Runs => services.GetRequiredService<IBatchRunStore>();

    public IAnalyticsQueries Queries => services.GetRequiredService<IAnalyticsQueries>();

    public IAnalyticsResultStore Results => services.GetRequiredService<IAnalyticsResultStore>();

    public Pinterest.Modular.Application.Scheduling.ILeaseStore Leases => services.GetRequiredService<Pinterest.Modular.Application.Scheduling.ILeaseStore>();

    public IDbContextFactory<WarehouseDbContext> Contexts => services.GetRequiredService<IDbContextFactory<WarehouseDbContext>>();

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

    public async Task PersistAsync(CleanedBatch batch) =>
        await Warehouse.PersistAsync(batch, [], CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        await Database.DisposeAsync();
    }
}
