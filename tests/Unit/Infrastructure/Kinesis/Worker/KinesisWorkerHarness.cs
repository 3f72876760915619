using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Pinterest.Modular.Application.Routing;
using Pinterest.Modular.Application.Streaming;
using Pinterest.Modular.Infrastructure.Kinesis.Worker;
using Pinterest.Modular.Tests.Unit.Application;
using Pinterest.Modular.Tests.Unit.Infrastructure.Kinesis.Fakes;

namespace Pinterest.Modular.Tests.Unit.Infrastructure.Kinesis.Worker;

/// <summary>
/// Stream workers on the application wired as in production (clean and persist through the mediator) over a fake
/// Kinesis, a fake warehouse and fake leases, all on one manual clock. Only the pin stream is open.
/// </summary>
internal sealed class KinesisWorkerHarness : IAsyncDisposable
{
    public const string Stream = "streaming-pinterest-pin";

    private readonly ApplicationTestHost _host = new(new Dictionary<string, string?>
    {
        ["Pipeline:Routes:geo"] = "Batch",
        ["Pipeline:Routes:user"] = "Batch",
    });

    private readonly List<KinesisStreamWorker> _workers = [];

    public KinesisWorkerHarness(int shards)
    {
        Kinesis.AddStream(Stream, shards);
    }

    public FakeKinesisClient Kinesis { get; } = new();

    public ApplicationTestHost Host => _host;

    public ManualClock Clock => _host.Clock;

    public static KinesisWorkerOptions OptionsFor(string workerId) => new()
    {
        WorkerId = workerId,
        LeaseDuration = TimeSpan.FromSeconds(30),
        BalanceInterval = TimeSpan.FromSeconds(10),
        PollInterval = TimeSpan.FromSeconds(1),
        MaxRecordsPerBatch = 3,
    };

    /// <summary>Every pin index stored so far, in the order persisted (repeats included).</summary>
    public IReadOnlyList<long> StoredPins => [.. _host.Warehouse.Calls.SelectMany(c => c.Batch.Pins).Select(p => p.Ind)];

    public async Task<KinesisStreamWorker> StartWorkerAsync(string workerId, KinesisReadProgress? progress = null, KinesisWorkerOptions? options = null)
    {
        var worker = new KinesisStreamWorker(
            _host.Resolve<RouteTable>(),
            Kinesis,
            _host.Resolve<StreamBatchLoop>(),
            _host.Leases,
            _host.Resolve<IServiceScopeFactory>(),
            Options.Create(options ?? OptionsFor(workerId)),
            progress ?? new KinesisReadProgress(),
            Clock,
            NullLogger<KinesisStreamWorker>.Instance);
        _workers.Add(worker);
        await worker.StartAsync(CancellationToken.None);
        return worker;
    }

    public async Task StopWorkerAsync(KinesisStreamWorker worker)
    {
        await worker.StopAsync(CancellationToken.None);
        worker.Dispose();
        _workers.Remove(worker);
    }

    public string PutPin(string shardId, long index) =>
        Kinesis.Put(Stream, shardId, $$"""{"index":{{index}},"title":"Pin {{index}}"}""");

    /// <summary>Moves the clock on a quarter second at a time (so readers poll and workers balance) until <paramref name="done"/> holds.</summary>
    public Task RunUntilAsync(Func<bool> done, string what, TimeSpan? step = null) =>
        Poll.MovingClockUntilAsync(Clock, step ?? TimeSpan.FromMilliseconds(250), done, what);

    public async ValueTask DisposeAsync()
    {
        foreach (var worker in _workers.ToList())
        {
            await StopWorkerAsync(worker);
        }

        await _host.DisposeAsync();
    }
}
