using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pinterest.Modular.Application.Routing;
using Pinterest.Modular.Application.Scheduling;
using Pinterest.Modular.Application.Streaming;

namespace Pinterest.Modular.Infrastructure.Kinesis.Worker;

/// <summary>
/// The Kinesis stream route's reader, one per host. Every <see cref="KinesisWorkerOptions.BalanceInterval"/> (and at
/// once when a shard ends) it lists each stream's shards, counts the live workers from their leases, and takes shard
/// leases up to its fair share or gives up the ones above it, as the Kinesis Client Library does with DynamoDB: a new
/// host gets shards within a pass or two, and a lost host's shards are taken once their leases expire. Each held shard
/// is read by the stream loop (<see cref="StreamBatchLoop"/>) from a <see cref="KinesisShardReader"/>.
/// </summary>
public sealed class KinesisStreamWorker(
    RouteTable routes,
    IKinesisClient client,
    StreamBatchLoop loop,
    ILeaseStore leases,
    IServiceScopeFactory scopes,
    IOptions<KinesisWorkerOptions> options,
    KinesisReadProgress progress,
    TimeProvider clock,
    ILogger<KinesisStreamWorker> logger) : BackgroundService
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, RunningReader> _readers = new(StringComparer.Ordinal);
    private TaskCompletionSource _wake = NewWake();
    private int _passes;

    /// <summary>The shard leases this worker reads under now (not counting those it is giving up).</summary>
    public IReadOnlyList<string> HeldShards
    {
        get
        {
            lock (_gate)
            {
                return [.. _readers.Values.Where(r => !r.Stop.IsCancellationRequested).Select(r => r.Target.LeaseName).Order(StringComparer.Ordinal)];
            }
        }
    }

    /// <summary>Live workers (this one included) at the last balance pass.</summary>
    public int LiveWorkers { get; private set; }

    /// <summary>Balance passes completed, successful or not.</summary>
    public int Passes => Volatile.Read(ref _passes);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var presence = new KinesisLease(leases, clock, KinesisLeaseNames.Worker(settings.WorkerId), settings.WorkerId, settings.LeaseDuration);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var wake = Volatile.Read(ref _wake).Task;
                try
                {
                    await BalanceAsync(settings, presence, stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    // The readers keep their shards; the next pass tries again.
                    logger.LogError(ex, "Kinesis worker {Worker}: balancing shards failed", settings.WorkerId);
                }

                Interlocked.Increment(ref _passes);
                using var waiting = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                await Task.WhenAny(Task.Delay(settings.BalanceInterval, clock, waiting.Token), wake);
                await waiting.CancelAsync();
            }
        }
        finally
        {
            await StopAllAsync(presence);
        }
    }

    private async Task BalanceAsync(KinesisWorkerOptions settings, KinesisLease presence, CancellationToken cancellationToken)
    {
        if (!await presence.TryAcquireAsync(cancellationToken))
        {
            logger.LogWarning("Kinesis worker {Worker}: another process holds this worker id; set Kinesis:Worker:WorkerId uniquely", settings.WorkerId);
        }

        var now = clock.GetUtcNow();
        var workers = await leases.ListAsync(KinesisLeaseNames.WorkerPrefix, cancellationToken);
        LiveWorkers = Math.Max(1, workers.Count(l => l.ExpiresAt > now));

        // A dead worker's presence is removed once it lapsed (it no longer counted in the fair share from then on).
        foreach (var lapsed in workers.Where(l => l.ExpiresAt <= now))
        {
            await leases.ReleaseAsync(lapsed.Name, lapsed.Owner, cancellationToken);
        }

        var leasable = await ListLeasableAsync(settings, cancellationToken);
        var held = (await leases.ListAsync(KinesisLeaseNames.ShardPrefix, cancellationToken)).ToDictionary(l => l.Name, StringComparer.Ordinal);
        var target = KinesisShardPlan.FairShare(leasable.Count, LiveWorkers);

        List<RunningReader> reading;
        lock (_gate)
        {
            foreach (var done in _readers.Values.Where(r => r.Task.IsCompleted).ToList())
            {
                _readers.Remove(done.Target.LeaseName);
                done.Stop.Dispose();
            }

            reading = [.. _readers.Values.Where(r => !r.Stop.IsCancellationRequested).OrderBy(r => r.Target.LeaseName, StringComparer.Ordinal)];
        }

        // Above the fair share: give the extra shards up; they are stored up to their last batch and released.
        foreach (var extra in reading.Skip(target))
        {
            logger.LogInformation(
                "Kinesis worker {Worker}: giving up {Shard} ({Workers} workers share {Shards} shards)", settings.WorkerId, extra.Target.LeaseName, LiveWorkers, leasable.Count);
            await extra.Stop.CancelAsync();
        }

        var count = reading.Count;
        foreach (var shard in leasable)
        {
            if (count >= target)
            {
                break;
            }

            bool ours;
            lock (_gate)
            {
                ours = _readers.ContainsKey(shard.LeaseName);
            }

            if (ours || (held.TryGetValue(shard.LeaseName, out var other) && other.Owner != settings.WorkerId && other.ExpiresAt > now))
            {
                continue;
            }

            var lease = new KinesisLease(leases, clock, shard.LeaseName, settings.WorkerId, settings.LeaseDuration);
            if (await lease.TryAcquireAsync(cancellationToken))
            {
                logger.LogInformation("Kinesis worker {Worker}: reading {Shard}", settings.WorkerId, shard.LeaseName);
                Start(shard, lease, settings, cancellationToken);
                count++;
            }
        }
    }

    private async Task<List<LeasableShard>> ListLeasableAsync(KinesisWorkerOptions settings, CancellationToken cancellationToken)
    {
        var checkpoints = await KinesisCheckpoints.ReadAsync(scopes, KinesisCheckpoints.Scope, cancellationToken);

        var leasable = new List<LeasableShard>();
        foreach (var stream in routes.Streams)
        {
            var shards = await client.ListShardsAsync(stream.Name, cancellationToken);
            leasable.AddRange(KinesisShardPlan.Leasable(stream, shards, checkpoints, settings.StartPosition));
        }

        return leasable;
    }

    private void Start(LeasableShard shard, KinesisLease lease, KinesisWorkerOptions settings, CancellationToken stoppingToken)
    {
        var stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var reader = new KinesisShardReader(shard, lease, client, scopes, settings, progress, clock, logger);
        lock (_gate)
        {
            _readers[shard.LeaseName] = new RunningReader(shard, stop, RunAsync(reader, lease, stop.Token));
        }
    }

    private async Task<StreamReadEnd> RunAsync(KinesisShardReader reader, KinesisLease lease, CancellationToken stop)
    {
        await Task.Yield();
        var end = StreamReadEnd.Stopped;
        try
        {
            end = await reader.ReadAsync(loop, stop);
        }
        catch (Exception ex)
        {
            // e.g. the warehouse unreachable when the checkpoint is read: the shard is taken again at a later pass.
            logger.LogError(ex, "Reader of {Shard} failed", lease.Name);
        }

        if (end != StreamReadEnd.LeaseLost)
        {
            try
            {
                await lease.ReleaseAsync(CancellationToken.None);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Could not release {Shard}; it expires by itself", lease.Name);
            }
        }

        // A shard that ended lets its children be read; a freed shard may go to this worker or another at once.
        Interlocked.Exchange(ref _wake, NewWake()).TrySetResult();
        return end;
    }

    private async Task StopAllAsync(KinesisLease presence)
    {
        List<RunningReader> readers;
        lock (_gate)
        {
            readers = [.. _readers.Values];
            _readers.Clear();
        }

        foreach (var reader in readers)
        {
            await reader.Stop.CancelAsync();
        }

        await Task.WhenAll(readers.Select(r => r.Task));
        foreach (var reader in readers)
        {
            reader.Stop.Dispose();
        }

        try
        {
            await presence.ReleaseAsync(CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not release the worker lease {Lease}; it expires by itself", presence.Name);
        }
    }

    private static TaskCompletionSource NewWake() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private sealed record RunningReader(LeasableShard Target, CancellationTokenSource Stop, Task<StreamReadEnd> Task);
}
