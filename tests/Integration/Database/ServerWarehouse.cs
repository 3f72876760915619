using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pinterest.Modular.Application.Analytics;
using Pinterest.Modular.Application.Batch;
using Pinterest.Modular.Application.Persistence;
using Pinterest.Modular.Application.Routing;
using Pinterest.Modular.Application.Scheduling;
using Pinterest.Modular.Infrastructure.Database;

namespace Pinterest.Modular.Tests.Integration.Database;

/// <summary>
/// The warehouse on a database server, in a database of the test's own, wired as the host wires it
/// (<c>Database:Provider</c> and <c>ConnectionStrings:Warehouse</c>, then <paramref name="settings"/>): what the contract
/// tests every server engine must pass (<see cref="WarehousePersistContract"/>, ...) work on. One subclass per engine.
/// </summary>
internal abstract class ServerWarehouse : IAsyncDisposable
{
    private readonly ServiceProvider services;
    private readonly Func<ServiceProvider> otherHost;

    protected ServerWarehouse(string provider, string connectionString, string name, IDictionary<string, string?> settings)
        : this(settings, provider, connectionString, Path.Combine(Path.GetTempPath(), "pm-unused-" + name))
    {
    }

    /// <summary>On the provider's default connection string: SQLite's file in <paramref name="dataDir"/>.</summary>
    protected ServerWarehouse(string provider, string dataDir, IDictionary<string, string?> settings)
        : this(settings, provider, null, dataDir)
    {
    }

    private ServerWarehouse(IDictionary<string, string?> settings, string provider, string? connectionString, string dataDir)
    {
        Provider = provider;
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = provider,
                ["ConnectionStrings:Warehouse"] = connectionString,
            })
            .AddInMemoryCollection(settings)
            .Build();
        otherHost = () => new ServiceCollection()
            .Configure<PipelineOptions>(options => options.DataDir = dataDir)
            .AddSingleton<TimeProvider>(Time)
            .AddWarehouseDatabase(configuration)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        services = otherHost();
    }

    /// <summary>The <c>Database:Provider</c> value, as the host names the engine in its messages.</summary>
    public string Provider { get; }

    public ManualClock Time { get; } = new(new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero));

    public IWarehouse Warehouse => services.GetRequiredService<IWarehouse>();

    public WarehouseSchema Schema => services.GetRequiredService<WarehouseSchema>();

    public IBatchRunStore Runs => services.GetRequiredService<IBatchRunStore>();

    public IAnalyticsQueries Queries => services.GetRequiredService<IAnalyticsQueries>();

    /// <summary>The nine as one SQL statement each, what <see cref="Queries"/> is checked against.</summary>
    public SqlAnalyticsQueries ReferenceSql => services.GetRequiredService<SqlAnalyticsQueries>();

    public IAnalyticsResultStore Results => services.GetRequiredService<IAnalyticsResultStore>();

    public ILeaseStore Leases => services.GetRequiredService<ILeaseStore>();

    public IDbContextFactory<WarehouseDbContext> Contexts => services.GetRequiredService<IDbContextFactory<WarehouseDbContext>>();

    public IServiceProvider Services => services;

    public T Get<T>()
        where T : notnull => services.GetRequiredService<T>();

    /// <summary>Another host on the same warehouse: its own container, context factory and connections. The caller disposes it.</summary>
    public ServiceProvider OtherHost() => otherHost();

    public async Task PersistAsync(CleanedBatch batch) =>
        await Warehouse.PersistAsync(batch, [], CancellationToken.None);

    /// <summary>Whether the database exists yet (a server's database by its name, SQLite's file).</summary>
    public abstract Task<bool> ExistsAsync();

    /// <summary>Runs one statement on a fresh connection and returns the first column of every row.</summary>
    public abstract Task<List<object?>> ColumnAsync(string sql);

    /// <summary>SQL for a timestamp column as <c>yyyy-MM-dd HH:mm:ss</c> text in UTC, read as the server stores it.</summary>
    public abstract string UtcTextSql(string column);

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        await DropDatabaseAsync();
    }

    protected abstract ValueTask DropDatabaseAsync();
}
