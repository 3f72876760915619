using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pinterest.Modular.Application;
using Pinterest.Modular.Application.Batch;
using Pinterest.Modular.Application.Persistence;
using Pinterest.Modular.Application.Scheduling;
using Pinterest.Modular.Infrastructure;

namespace Pinterest.Modular.Tests.Integration.Scheduling;

/// <summary>
/// One host as <c>serve</c> wires the application and its adapters, with the <see cref="BatchScheduler"/> started on a
/// shared manual clock. Each host has its own data directory (its own embedded logs); all of them use the warehouse
/// given (a SQLite file, or the settings of a server's database), as servers share one database.
/// </summary>
internal sealed class SchedulingHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private SchedulingHost(
        string dataDir, IReadOnlyDictionary<string, string?> warehouse, ManualClock clock, IReadOnlyDictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Pipeline:DataDir"] = dataDir })
            .AddInMemoryCollection(warehouse)
            .AddInMemoryCollection(settings)
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddMetrics(); // as every .NET host has it
        services.AddSingleton<TimeProvider>(clock);
        services.AddApplication();
        services.AddInfrastructure(configuration);
        services.AddBatchScheduler();
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public BatchScheduler Scheduler => _services.GetRequiredService<BatchScheduler>();

    public IBatchRunStore Runs => _services.GetRequiredService<IBatchRunStore>();

    public Leases Leases => _services.GetRequiredService<Leases>();

    public ILeaseStore LeaseStore => _services.GetRequiredService<ILeaseStore>();

    public static Task<SchedulingHost> StartAsync(
        string dataDir, string warehouseFile, ManualClock clock, IReadOnlyDictionary<string, string?>? settings = null) =>
        StartAsync(dataDir, new Dictionary<string, string?> { ["ConnectionStrings:Warehouse"] = $"Data Source={warehouseFile}" }, clock, settings);

    /// <param name="warehouse">The keys that point the host at the shared warehouse (provider, connection string, migrate).</param>
    public static async Task<SchedulingHost> StartAsync(
        string dataDir, IReadOnlyDictionary<string, string?> warehouse, ManualClock clock, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var host = new SchedulingHost(dataDir, warehouse, clock, settings ?? new Dictionary<string, string?>());
        await host._services.GetRequiredService<IWarehouse>().EnsureCreatedAsync(CancellationToken.None);
        await host.Scheduler.StartAsync(CancellationToken.None);
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        await Scheduler.StopAsync(CancellationToken.None);
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools(); // pooled connections keep the shared file open
    }
}
