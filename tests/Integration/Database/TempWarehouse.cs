using Microsoft.Data.Sqlite;
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
/// A real SQLite warehouse file in its own temp folder, wired as the host wires it (default connection string under
/// Pipeline:DataDir), migrated, and deleted on dispose.
/// </summary>
internal sealed class TempWarehouse : IAsyncDisposable
{
    private readonly ServiceProvider services;
    private readonly Func<ServiceProvider> otherHost;

    private TempWarehouse(string root, IDictionary<string, string?> settings)
    {
        Root = root;
        DataDir = Path.Combine(root, "data");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        otherHost = () => new ServiceCollection()
            .Configure<PipelineOptions>(options => options.DataDir = DataDir)
            .AddSingleton<TimeProvider>(Time)
            .AddWarehouseDatabase(configuration)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        services = otherHost();
    }

    public string Root { get; }

    /// <summary>Does not exist until the warehouse opens it: the provider creates it.</summary>
    public string DataDir { get; }

    public string DatabaseFile => Path.Combine(DataDir, "warehouse.db");

    public ManualClock Time { get; } = new(new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero));

    public IWarehouse Warehouse => services.GetRequiredService<IWarehouse>();

    public IBatchRunStore Runs => services.GetRequiredService<IBatchRunStore>();

    public IAnalyticsQueries Queries => services.GetRequiredService<IAnalyticsQueries>();

    public IAnalyticsResultStore Results => services.GetRequiredService<IAnalyticsResultStore>();

    public IDbContextFactory<WarehouseDbContext> Contexts => services.GetRequiredService<IDbContextFactory<WarehouseDbContext>>();

    public IServiceProvider Services => services;

    /// <summary>Another host on the same warehouse: its own container, context factory and connections. The caller disposes it.</summary>
    public ServiceProvider OtherHost() => otherHost();

    public T Get<T>()
        where T : notnull => services.GetRequiredService<T>();

    /// <summary>A warehouse whose schema is migrated already.</summary>
    public static async Task<TempWarehouse> CreateAsync()
    {
        var warehouse = Unmigrated();
        await warehouse.Warehouse.EnsureCreatedAsync(CancellationToken.None);
        return warehouse;
    }

    public static TempWarehouse Unmigrated(IDictionary<string, string?>? settings = null) =>
        new(Path.Combine(Path.GetTempPath(), "pm-warehouse-" + Guid.NewGuid().ToString("N")), settings ?? new Dictionary<string, string?>());

    /// <summary>Runs one statement on a fresh connection and returns the first column of every row.</summary>
    public Task<List<object?>> ScalarColumnAsync(string sql) => SqliteFileWarehouse.ColumnAsync(DatabaseFile, sql);

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        // Pooled connections keep the file open; release them before deleting the folder.
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}
