using System.Globalization;
using Amazon.Runtime;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Pinterest.Modular.Application;
using Pinterest.Modular.Application.Persistence;
using Pinterest.Modular.Application.Scheduling;
using Pinterest.Modular.Infrastructure;
using Pinterest.Modular.Infrastructure.Kinesis;
using Pinterest.Modular.Infrastructure.Kinesis.Worker;
using Pinterest.Modular.Tests.Integration.Support;

namespace Pinterest.Modular.Tests.Integration.Kinesis;

/// <summary>
/// One host as <c>serve</c> wires the stream route on Kinesis (kinesalite), without the HTTP API: its hosted services
/// (migrator, stream provisioning, the stream worker...) started in order and stopped in reverse. Each host has its own
/// data directory; hosts given the same warehouse file share leases and checkpoints as servers sharing one database.
/// </summary>
internal sealed class KinesisWorkerHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly List<IHostedService> _started = [];

    private KinesisWorkerHost(IReadOnlyDictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddMetrics();
        services.AddSingleton<AWSCredentials>(new BasicAWSCredentials("test", "test"));
        services.AddApplication();
        services.AddInfrastructure(configuration);
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public IKinesisClient Kinesis => _services.GetRequiredService<IKinesisClient>();

    public KinesisStreamWorker Worker => _services.GetRequiredService<KinesisStreamWorker>();

    public IWarehouse Warehouse => _services.GetRequiredService<IWarehouse>();

    public ILeaseStore LeaseStore => _services.GetRequiredService<ILeaseStore>();

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    /// <summary>
    /// The settings of a host on the shared kinesalite with only the pin stream open (<c>streaming-&lt;prefix&gt;-pin</c>),
    /// short leases and small batches, so tests see hand-overs and many checkpoints within seconds.
    /// </summary>
    public static Dictionary<string, string?> Settings(string dataDir, string warehouseFile, string prefix, string workerId, int shards) => new()
    {
        ["Pipeline:DataDir"] = dataDir,
        ["ConnectionStrings:Warehouse"] = $"Data Source={warehouseFile}",
        ["Pipeline:TopicPrefix"] = prefix,
        ["Pipeline:StreamTransport"] = "Kinesis",
        ["Pipeline:Routes:geo"] = "Batch",
        ["Pipeline:Routes:user"] = "Batch",
        ["Kinesis:ServiceUrl"] = TestServers.KinesisServiceUrl.ToString(),
        ["Kinesis:ShardCount"] = shards.ToString(CultureInfo.InvariantCulture),
        ["Kinesis:Worker:WorkerId"] = workerId,
        ["Kinesis:Worker:LeaseDuration"] = Lease.ToString("c", CultureInfo.InvariantCulture),
        ["Kinesis:Worker:BalanceInterval"] = "00:00:01",
        ["Kinesis:Worker:PollInterval"] = "00:00:00.2",
        ["Kinesis:Worker:MaxRecordsPerBatch"] = "25",
    };

    /// <summary>The lease duration the test hosts use: how long a lost host's shards wait.</summary>
    public static TimeSpan Lease { get; } = TimeSpan.FromSeconds(4);

    public static async Task<KinesisWorkerHost> StartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var host = new KinesisWorkerHost(settings);
        foreach (var service in host._services.GetServices<IHostedService>())
        {
            await service.StartAsync(CancellationToken.None);
            host._started.Add(service);
        }

        return host;
    }

    /// <summary>Records stored, counted by every host into the warehouse with its checkpoints.</summary>
    public async Task<long> StoredAsync()
    {
        var marks = await Warehouse.GetMarksAsync(KinesisCheckpoints.StoredScope, CancellationToken.None);
        return marks.Values.Sum(KinesisCheckpoints.ParseStored);
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = _started.Count - 1; i >= 0; i--)
        {
            await _started[i].StopAsync(CancellationToken.None);
        }

        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
    }
}
