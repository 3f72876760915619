using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pinterest.Modular.Application.Batch;
using Pinterest.Modular.Application.Landing;
using Pinterest.Modular.Application.Routing;
using Pinterest.Modular.Infrastructure.ObjectStore;

namespace Pinterest.Modular.Infrastructure.Embedded;

/// <summary>
/// Lands every batch-route topic of the embedded log in the object store, S3-sink style. <see cref="RunAsync"/>
/// follows the logs as records arrive (the <see cref="EmbeddedSinkWorker"/> runs it); <see cref="FlushAllAsync"/>
/// drains everything appended so far, partial objects included (the CLI calls it before a batch run). Both may
/// run at once in one process: each partition has one lock. Register as a singleton.
/// </summary>
public sealed class EmbeddedLandingSink : IBatchRouteSink, IDisposable
{
    /// <summary>Records read from a log per step; bounds memory and how long a step holds a partition.</summary>
    private const int ReadBatch = 1000;

    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LastRetryDelay = TimeSpan.FromSeconds(30);

    private readonly EmbeddedLogStore _logs;
    private readonly IObjectStore _store;
    private readonly RouteTable _routes;
    private readonly SinkOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<EmbeddedLandingSink> _logger;
    private readonly Lock _building = new();
    private IReadOnlyList<SinkPartition>? _partitions;
    private int _running;

    public EmbeddedLandingSink(
        EmbeddedLogStore logs,
        IObjectStore store,
        RouteTable routes,
        IOptions<SinkOptions> options,
        TimeProvider time,
        ILogger<EmbeddedLandingSink> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _logs = logs;
        _store = store;
        _routes = routes;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>The offset below which every record of the partition has landed.</summary>
    public long CommittedOffset(string topic, int partition) =>
        Partitions.Single(p => p.Topic == topic && p.Partition == partition).CommittedOffset;

    private IReadOnlyList<SinkPartition> Partitions
    {
        get
        {
            lock (_building)
            {
                return _partitions ??= [.. _routes.Topics.SelectMany(topic =>
                    Enumerable.Range(0, _logs.PartitionCount(topic.Name)).Select(partition => new SinkPartition(
                        _logs.DataDir,
                        topic.Name,
                        partition,
                        _logs.GetTopicPartition(topic.Name, partition),
                        _store,
                        _options,
                        _logger)))];
            }
        }
    }

    /// <summary>
    /// Lands every record appended before the call, forcing partial objects, and commits the offsets.
    /// </summary>
    /// <inheritdoc cref="FlushAllAsync"/>
    public Task FlushAsync(CancellationToken cancellationToken) => FlushAllAsync(cancellationToken);

    public async Task FlushAllAsync(CancellationToken cancellationToken) =>
        await Task.WhenAll(Partitions.Select(p => FlushAsync(p, cancellationToken)));

    /// <summary>Follows every partition until cancelled; failures are logged and retried with a growing delay.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _running, 1) != 0)
        {
            throw new InvalidOperationException("The embedded landing sink is already running.");
        }

        try
        {
            await Task.WhenAll(Partitions.Select(p => FollowAsync(p, cancellationToken)));
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }

    public void Dispose()
    {
        lock (_building)
        {
            foreach (var partition in _partitions ?? [])
            {
                partition.Dispose();
            }
        }
    }

    private static async Task InLockAsync(SinkPartition partition, Func<Task> step, CancellationToken cancellationToken)
    {
        await partition.Gate.WaitAsync(cancellationToken);
        try
        {
            await step();
        }
        catch
        {
            // Whatever was half done is redone from the committed offset; the keys come out the same.
            partition.ResetToCommitted();
            throw;
        }
        finally
        {
            partition.Gate.Release();
        }
    }

    private static Task FlushAsync(SinkPartition partition, CancellationToken cancellationToken) =>
        InLockAsync(
            partition,
            async () =>
            {
                var upTo = partition.Log.NextOffset;
                while (await partition.PumpAsync(upTo, ReadBatch, cancellationToken) > 0)
                {
                }

                await partition.Writer.FlushAsync(cancellationToken);
            },
            cancellationToken);

    private async Task FollowAsync(SinkPartition partition, CancellationToken cancellationToken)
    {
        var retryDelay = FirstRetryDelay;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var read = 0;
                DateTimeOffset? rotationDue = null;
                await InLockAsync(
                    partition,
                    async () =>
                    {
                        read = await partition.PumpAsync(long.MaxValue, ReadBatch, cancellationToken);
                        if (read == 0)
                        {
                            await partition.Writer.CommitIfDueAsync(_time.GetUtcNow(), cancellationToken);
                            rotationDue = partition.Writer.RotationDueAt;
                        }
                    },
                    cancellationToken);
                retryDelay = FirstRetryDelay;
                if (read == 0)
                {
                    await WaitForWorkAsync(partition, rotationDue, cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                _logger.LogError(
                    ex,
                    "Landing {Topic}/{Partition} failed; retrying from offset {Offset} in {Delay}.",
                    partition.Topic,
                    partition.Partition,
                    partition.CommittedOffset,
                    retryDelay);
                try
                {
                    await Task.Delay(retryDelay, _time, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                retryDelay = TimeSpan.FromTicks(Math.Min(retryDelay.Ticks * 2, LastRetryDelay.Ticks));
            }
        }
    }

    /// <summary>Sleeps until the log has a record past what was fed, or the open object is due for rotation.</summary>
    private async Task WaitForWorkAsync(SinkPartition partition, DateTimeOffset? rotationDue, CancellationToken cancellationToken)
    {
        using var wake = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var data = partition.Log.WaitForDataAsync(partition.NextRead, wake.Token);
        var timer = rotationDue is { } due
            ? Task.Delay(Max(due - _time.GetUtcNow(), TimeSpan.Zero), _time, wake.Token)
            : Task.Delay(Timeout.InfiniteTimeSpan, wake.Token);
        var first = await Task.WhenAny(data, timer);
        await wake.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
        await first;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
