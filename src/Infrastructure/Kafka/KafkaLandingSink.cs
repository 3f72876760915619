using System.Collections.Concurrent;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pinterest.Modular.Application.Batch;
using Pinterest.Modular.Application.Landing;
using Pinterest.Modular.Infrastructure.ObjectStore;

namespace Pinterest.Modular.Infrastructure.Kafka;

/// <summary>
/// The batch route's sink on Kafka, a member of the consumer group <c>Kafka:ConsumerGroup</c>: feeds each partition
/// it is assigned, in offset order, into an <see cref="S3SinkWriter"/> (objects named by their first offset, cut by
/// <c>Sink:FlushSize</c> and <c>Sink:RotateIntervalMs</c> on record time) and commits an offset to Kafka only once the
/// object holding the records below it is written. On a revocation the open objects are dropped; the next owner
/// reads on from the committed offset and cuts the same objects, so a crash or a rebalance rewrites an object under
/// the same key, never a second copy. Register as a singleton; <see cref="KafkaSinkWorker"/> runs it.
/// </summary>
public sealed class KafkaLandingSink : IBatchRouteSink, IDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LastRetryDelay = TimeSpan.FromSeconds(30);

    private readonly KafkaCluster _cluster;
    private readonly IObjectStore _store;
    private readonly SinkOptions _sinkOptions;
    private readonly TimeProvider _time;
    private readonly ILogger<KafkaLandingSink> _logger;
    private readonly Dictionary<TopicPartition, KafkaSinkPartition> _owned = [];
    private readonly ConcurrentQueue<TaskCompletionSource> _flushRequests = new();
    private readonly List<TaskCompletionSource> _flushing = [];
    private Dictionary<TopicPartition, WatermarkOffsets>? _flushTargets;
    private DateTimeOffset _flushDeadline;
    private IReadOnlyList<TopicPartition> _assignment = [];
    private int _running;

    public KafkaLandingSink(
        KafkaCluster cluster, IObjectStore store, IOptions<SinkOptions> sinkOptions, TimeProvider time, ILogger<KafkaLandingSink> logger)
    {
        ArgumentNullException.ThrowIfNull(sinkOptions);
        _cluster = cluster;
        _store = store;
        _sinkOptions = sinkOptions.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>The partitions this member owns now.</summary>
    public IReadOnlyList<TopicPartition> Assignment => Volatile.Read(ref _assignment);

    /// <summary>Raised on the consumer's thread after <see cref="Assignment"/> changed; handlers must return at once.</summary>
    public event EventHandler? AssignmentChanged;

    /// <summary>
    /// For a batch run: reads every partition this member owns up to its end as of the call, writes the open objects
    /// and commits. Partitions owned by other hosts land on their own schedule; without a running sink here, there is
    /// nothing to do.
    /// </summary>
    public Task FlushAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _running) == 0)
        {
            return Task.CompletedTask;
        }

        var request = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _flushRequests.Enqueue(request);
        return request.Task.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Joins the group and lands records until cancelled; then leaves the group without writing the open objects
    /// (their records land again from the committed offset). The consumer is driven on a thread of its own.
    /// </summary>
    public Task RunAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _running, 1) != 0)
        {
            throw new InvalidOperationException("The Kafka landing sink is already running.");
        }

        return Task.Factory.StartNew(
            () =>
            {
                try
                {
                    Run(cancellationToken);
                }
                finally
                {
                    Volatile.Write(ref _running, 0);
                    FailPendingFlushes();
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
    }

    public void Dispose() => FailPendingFlushes();

    private void Run(CancellationToken cancellationToken)
    {
        _cluster.EnsureTopicsAsync(cancellationToken).GetAwaiter().GetResult();
        using var consumer = _cluster.NewConsumer(_cluster.Options.ConsumerGroup)
            .SetPartitionsAssignedHandler((c, partitions) => Assign(c, partitions))
            .SetPartitionsRevokedHandler((_, partitions) => Drop(partitions.Select(p => p.TopicPartition), "revoked"))
            .SetPartitionsLostHandler((_, partitions) => Drop(partitions.Select(p => p.TopicPartition), "lost"))
            .Build();
        consumer.Subscribe(_cluster.Topics);
        var retryDelay = FirstRetryDelay;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                try
                {
                    Step(consumer, cancellationToken);
                    retryDelay = FirstRetryDelay;
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    _logger.LogError(ex, "The Kafka sink failed a step; reading again from the committed offsets in {Delay}.", retryDelay);
                    RewindAll(consumer);
                    cancellationToken.WaitHandle.WaitOne(retryDelay);
                    retryDelay = TimeSpan.FromTicks(Math.Min(retryDelay.Ticks * 2, LastRetryDelay.Ticks));
                }
            }
        }
        finally
        {
            // Leaves the group at once (the revocation drops the open objects), so the partitions move without
            // waiting for the session to time out.
            consumer.Close();
        }
    }

    /// <summary>One turn: take flush requests, consume one record (rebalances happen here) or rotate idle objects.</summary>
    private void Step(IConsumer<byte[]?, byte[]> consumer, CancellationToken cancellationToken)
    {
        TakeFlushRequests(consumer);
        ConsumeResult<byte[]?, byte[]>? result;
        try
        {
            result = consumer.Consume(PollInterval);
        }
        catch (ConsumeException ex) when (!ex.Error.IsFatal)
        {
            _logger.LogWarning("The Kafka sink could not read: {Reason}.", ex.Error.Reason);
            result = null;
        }

        if (result?.Message is { } message && _owned.TryGetValue(result.TopicPartition, out var partition))
        {
            var timestamp = message.Timestamp.Type == TimestampType.NotAvailable
                ? _time.GetUtcNow()
                : DateTimeOffset.FromUnixTimeMilliseconds(message.Timestamp.UnixTimestampMs);
            var record = new SinkRecord(result.Offset.Value, timestamp, message.Value);
            partition.Writer.WriteAsync([record], cancellationToken).GetAwaiter().GetResult();
            partition.Fed = result.Offset.Value + 1;
        }

        if (result is null)
        {
            RotateCaughtUp(consumer, cancellationToken);
        }

        FinishFlushIfDrained(cancellationToken);
    }

    /// <summary>
    /// Writes the open object of a partition once it is due by the clock and the partition is read to its end (asked
    /// of the leader: the fetched watermark can lag). A partition with a backlog is cut only by its records' own
    /// timestamps (inside the writer), so a replay of the backlog cuts the same objects.
    /// </summary>
    private void RotateCaughtUp(IConsumer<byte[]?, byte[]> consumer, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        foreach (var owned in _owned.Values)
        {
            if (owned.Writer.RotationDueAt is not { } due || now < due)
            {
                continue;
            }

            var end = consumer.QueryWatermarkOffsets(owned.TopicPartition, _cluster.Options.RequestTimeout);
            if (owned.HasReached(end.Low.Value, end.High.Value))
            {
                owned.Writer.CommitIfDueAsync(now, cancellationToken).GetAwaiter().GetResult();
            }
        }
    }

    private void Assign(IConsumer<byte[]?, byte[]> consumer, List<TopicPartition> partitions)
    {
        var committed = consumer.Committed(partitions, _cluster.Options.RequestTimeout)
            .ToDictionary(c => c.TopicPartition, c => c.Offset.Value);
        foreach (var topicPartition in partitions)
        {
            KafkaSinkPartition? owned = null;
            var writer = new S3SinkWriter(_store, topicPartition.Topic, topicPartition.Partition.Value, _sinkOptions, (next, _) =>
            {
                // Only after the object is written: a crash before this line rewrites the same object.
                consumer.Commit([new TopicPartitionOffset(topicPartition, new Offset(next))]);
                owned!.Committed = next;
                return Task.CompletedTask;
            });
            owned = new KafkaSinkPartition(topicPartition, writer, committed.GetValueOrDefault(topicPartition, -1));
            _owned[topicPartition] = owned;
        }

        PublishAssignment();
        _logger.LogInformation("The Kafka sink was assigned {Partitions}.", string.Join(", ", partitions));
    }

    /// <summary>Forgets partitions this member no longer owns, open objects included: their next owner lands them.</summary>
    private void Drop(IEnumerable<TopicPartition> partitions, string why)
    {
        var dropped = new List<TopicPartition>();
        foreach (var topicPartition in partitions)
        {
            if (_owned.Remove(topicPartition, out var owned))
            {
                owned.Writer.Reset();
                dropped.Add(topicPartition);
            }
        }

        PublishAssignment();
        _logger.LogInformation("The Kafka sink's partitions {Partitions} were {Why}.", string.Join(", ", dropped), why);
    }

    /// <summary>After a failure: drop every open object and read again from the committed offsets.</summary>
    private void RewindAll(IConsumer<byte[]?, byte[]> consumer)
    {
        foreach (var owned in _owned.Values)
        {
            owned.Writer.Reset();
            owned.Fed = -1;
            try
            {
                consumer.Seek(new TopicPartitionOffset(owned.TopicPartition, owned.Resume));
            }
            catch (KafkaException ex)
            {
                _logger.LogWarning("Could not rewind {Partition}: {Reason}.", owned.TopicPartition, ex.Error.Reason);
            }
        }
    }

    private void PublishAssignment()
    {
        Volatile.Write(ref _assignment, [.. _owned.Keys]);
        AssignmentChanged?.Invoke(this, EventArgs.Empty);
    }

    /// <summary>Starts serving the flush requests that arrived: each owned partition is read up to its end as of now.</summary>
    private void TakeFlushRequests(IConsumer<byte[]?, byte[]> consumer)
    {
        if (_flushing.Count > 0 || _flushRequests.IsEmpty)
        {
            return;
        }

        while (_flushRequests.TryDequeue(out var request))
        {
            _flushing.Add(request);
        }

        _flushTargets = _owned.Keys.ToDictionary(
            tp => tp, tp => consumer.QueryWatermarkOffsets(tp, _cluster.Options.RequestTimeout));
        _flushDeadline = _time.GetUtcNow() + (3 * _cluster.Options.RequestTimeout);
    }

    /// <summary>Once every owned partition is read up to its target (or the deadline passed), writes the open objects.</summary>
    private void FinishFlushIfDrained(CancellationToken cancellationToken)
    {
        if (_flushTargets is null)
        {
            return;
        }

        var drained = _flushTargets.All(t =>
            !_owned.TryGetValue(t.Key, out var owned) || owned.HasReached(t.Value.Low.Value, t.Value.High.Value));
        if (!drained && _time.GetUtcNow() < _flushDeadline)
        {
            return;
        }

        if (!drained)
        {
            _logger.LogWarning("The Kafka sink did not read its partitions to their end in time for the flush; writing what it has.");
        }

        foreach (var owned in _owned.Values)
        {
            owned.Writer.FlushAsync(cancellationToken).GetAwaiter().GetResult();
        }

        _flushTargets = null;
        foreach (var request in _flushing)
        {
            request.TrySetResult();
        }

        _flushing.Clear();
    }

    private void FailPendingFlushes()
    {
        foreach (var request in _flushing)
        {
            request.TrySetCanceled();
        }

        _flushing.Clear();
        _flushTargets = null;
        while (_flushRequests.TryDequeue(out var request))
        {
            request.TrySetCanceled();
        }
    }
}
