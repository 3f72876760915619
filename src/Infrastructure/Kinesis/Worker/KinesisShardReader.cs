using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pinterest.Modular.Application.Cleaning;
using Pinterest.Modular.Application.Persistence;
using Pinterest.Modular.Application.Routing;
using Pinterest.Modular.Application.Streaming;

namespace Pinterest.Modular.Infrastructure.Kinesis.Worker;

/// <summary>
/// One shard read under its lease, as a source for the stream loop (<see cref="StreamBatchLoop"/>): GetRecords in
/// micro-batches from the checkpoint on, each with the shard's checkpoint (last sequence number) and stored count as
/// marks stored with the rows, so a restart or another host resumes exactly after the last stored record. The lease is
/// renewed between reads when due and right before each store, which must finish within half the lease: once another
/// host has taken the lease over, nothing more is stored.
/// </summary>
public sealed class KinesisShardReader(
    LeasableShard target,
    KinesisLease lease,
    IKinesisClient client,
    IServiceScopeFactory scopes,
    KinesisWorkerOptions options,
    KinesisReadProgress progress,
    TimeProvider clock,
    ILogger logger) : IStreamBatchSource
{
    private const string ExpiredIterator = "ExpiredIteratorException";

    private string? _checkpoint;
    private long _stored;
    private string? _iterator;
    private Task<KinesisRecordBatch>? _readAhead;
    private string? _batchCheckpoint;

    public Destination Stream => target.Stream;

    public string ShardId => target.Shard.ShardId;

    /// <summary>Retries wait at most a lease renewal period, so a reader that retries keeps its lease.</summary>
    public TimeSpan MaxRetryDelay => options.RenewEvery;

    /// <summary>No other host can take the lease before it expires; a store running into its second half is abandoned.</summary>
    public TimeSpan? StoreTimeout => options.LeaseDuration / 2;

    private string Name => target.Stream.Name;

    /// <summary>Reads until the shard ends, the lease is lost or <paramref name="stoppingToken"/> is cancelled.</summary>
    public async Task<StreamReadEnd> ReadAsync(StreamBatchLoop loop, CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(loop);
        progress.Started(Name, ShardId);
        try
        {
            // Read after taking the lease: the previous holder may have stored more since the shard was planned.
            (_checkpoint, _stored) = await LoadCheckpointAsync(stoppingToken);
            return _checkpoint == KinesisCheckpoints.ShardEnd ? StreamReadEnd.ShardEnd : await loop.RunAsync(this, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return StreamReadEnd.Stopped;
        }
        finally
        {
            progress.Ended(Name, ShardId);

            // A read ahead that nobody will take (lease lost, stopping): its outcome no longer matters.
            _readAhead?.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
    }

    /// <summary>
    /// Renews between reads when due. A database that cannot be reached leaves the lease ours until it expires; past
    /// that, another host may hold it, so the reader stops (the worker takes the shard again when it can).
    /// </summary>
    public async Task<bool> KeepReadingAsync(CancellationToken cancellationToken)
    {
        if (!lease.RenewDue)
        {
            return true;
        }

        try
        {
            if (await lease.RenewAsync(cancellationToken))
            {
                return true;
            }

            logger.LogWarning("Shard {Stream}/{Shard}: lease taken over by another worker; this reader stops", Name, ShardId);
            return false;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            var stillOurs = clock.GetUtcNow() < lease.ExpiresAt;
            logger.LogWarning(ex, "Shard {Stream}/{Shard}: could not renew the lease (still ours: {StillOurs})", Name, ShardId, stillOurs);
            return stillOurs;
        }
    }

    public async Task<StreamBatch> ReadAsync(CancellationToken cancellationToken)
    {
        KinesisRecordBatch batch;
        while (true)
        {
            try
            {
                var start = _checkpoint is null ? target.StartWithoutCheckpoint : ShardIteratorStart.After(_checkpoint);
                _iterator ??= await client.GetShardIteratorAsync(Name, ShardId, start, cancellationToken);
                var reading = _readAhead ?? client.GetRecordsAsync(_iterator, options.MaxRecordsPerBatch, cancellationToken);
                _readAhead = null;
                batch = await reading;
                break;
            }
            catch (KinesisException ex) when (ex.ErrorType == ExpiredIterator)
            {
                // Iterators last five minutes; a new one from the checkpoint continues exactly there.
                logger.LogInformation("Shard {Stream}/{Shard}: iterator expired; continuing from the checkpoint", Name, ShardId);
                _iterator = null;
            }
        }

        progress.Read(Name, ShardId, batch.Records.Count, batch.MillisBehindLatest);
        var shardEnd = batch.NextShardIterator is null;
        var wait = KinesisWorkerOptions.WaitAfter(batch, options);
        _iterator = batch.NextShardIterator;
        if (_iterator is not null && wait is null)
        {
            // The shard holds more: read the next batch while this one is stored (as the KCL prefetches). Only the
            // read runs ahead; batches are still stored one after the other, each with its checkpoint.
            _readAhead = client.GetRecordsAsync(_iterator, options.MaxRecordsPerBatch, cancellationToken);
        }

        if (batch.Records.Count == 0 && !shardEnd)
        {
            return new StreamBatch([], [], EndsShard: false, wait);
        }

        var raw = new RawRecord[batch.Records.Count];
        for (var i = 0; i < raw.Length; i++)
        {
            raw[i] = new RawRecord(KinesisCheckpoints.SourceOf(Name, ShardId, batch.Records[i].SequenceNumber), batch.Records[i].Data);
        }

        _batchCheckpoint = shardEnd ? KinesisCheckpoints.ShardEnd : batch.Records[^1].SequenceNumber;
        var key = KinesisCheckpoints.Key(Name, ShardId);
        ProgressMark[] marks =
        [
            new(KinesisCheckpoints.Scope, key, _batchCheckpoint),
            new(KinesisCheckpoints.StoredScope, key, KinesisCheckpoints.FormatStored(_stored + raw.Length)),
        ];
        return new StreamBatch(raw, marks, shardEnd, wait);
    }

    public Task<bool> BeforeStoreAsync(CancellationToken cancellationToken) => lease.RenewAsync(cancellationToken);

    public void Stored(StreamBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        _checkpoint = _batchCheckpoint;
        _stored += batch.Records.Count;
        progress.Stored(Name, ShardId);
    }

    private async Task<(string? Checkpoint, long Stored)> LoadCheckpointAsync(CancellationToken cancellationToken)
    {
        var key = KinesisCheckpoints.Key(Name, ShardId);
        var checkpoints = await KinesisCheckpoints.ReadAsync(scopes, KinesisCheckpoints.Scope, cancellationToken);
        var stored = await KinesisCheckpoints.ReadAsync(scopes, KinesisCheckpoints.StoredScope, cancellationToken);
        return (checkpoints.GetValueOrDefault(key), KinesisCheckpoints.ParseStored(stored.GetValueOrDefault(key)));
    }
}
