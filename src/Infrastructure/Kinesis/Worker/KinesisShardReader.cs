using MassTransit.Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pinterest.Modular.Application.Cleaning;
using Pinterest.Modular.Application.Persistence;

namespace Pinterest.Modular.Infrastructure.Kinesis.Worker;

/// <summary>
/// Reads one shard under its lease: GetRecords in micro-batches, each sent through the same clean and persist commands
/// as the batch route, with the shard's checkpoint (last sequence number) and stored count in the same transaction as
/// the rows, so a restart or another host resumes exactly after the last stored record. The lease is renewed right
/// before each batch is persisted: once another host has taken it over, nothing more is stored.
/// </summary>
public sealed class KinesisShardReader(
    LeasableShard target,
    KinesisLease lease,
    IKinesisClient client,
    IServiceScopeFactory scopes,
    KinesisWorkerOptions options,
    KinesisReadProgress progress,
    TimeProvider clock,
    ILogger logger)
{
    private const string ExpiredIterator = "ExpiredIteratorException";

    private string Stream => target.Stream.Name;

    private string ShardId => target.Shard.ShardId;

    /// <summary>Reads until the shard ends, the lease is lost or <paramref name="stoppingToken"/> is cancelled.</summary>
    public async Task<ShardReadEnd> ReadAsync(CancellationToken stoppingToken)
    {
        progress.Started(Stream, ShardId);
        try
        {
            return await ReadShardAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return ShardReadEnd.Stopped;
        }
        finally
        {
            progress.Ended(Stream, ShardId);
        }
    }

    private async Task<ShardReadEnd> ReadShardAsync(CancellationToken stoppingToken)
    {
        // Read after taking the lease: the previous holder may have stored more since the shard was planned.
        var (checkpoint, stored) = await LoadCheckpointAsync(stoppingToken);
        if (checkpoint == KinesisCheckpoints.ShardEnd)
        {
            return ShardReadEnd.ShardEnd;
        }

        string? iterator = null;
        Task<KinesisRecordBatch>? readAhead = null;
        var failures = 0;
        try
        {
            return await ReadBatchesAsync();
        }
        finally
        {
            // A read ahead that nobody will take (lease lost, stopping): its outcome no longer matters.
            readAhead?.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }

        async Task<ShardReadEnd> ReadBatchesAsync()
        {
            while (true)
            {
                stoppingToken.ThrowIfCancellationRequested();
                if (lease.RenewDue && !await KeepLeaseAsync(stoppingToken))
                {
                    return ShardReadEnd.LeaseLost;
                }

                KinesisRecordBatch batch;
                try
                {
                    var start = checkpoint is null ? target.StartWithoutCheckpoint : ShardIteratorStart.After(checkpoint);
                    iterator ??= await client.GetShardIteratorAsync(Stream, ShardId, start, stoppingToken);
                    var reading = readAhead ?? client.GetRecordsAsync(iterator, options.MaxRecordsPerBatch, stoppingToken);
                    readAhead = null;
                    batch = await reading;
                    failures = 0;
                }
                catch (KinesisException ex) when (ex.ErrorType == ExpiredIterator)
                {
                    // Iterators last five minutes; a new one from the checkpoint continues exactly there.
                    logger.LogInformation("Shard {Stream}/{Shard}: iterator expired; continuing from the checkpoint", Stream, ShardId);
                    iterator = null;
                    continue;
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    // Throttling the client gave up on, or the service unavailable: the same read is tried again later.
                    failures++;
                    logger.LogWarning(ex, "Shard {Stream}/{Shard}: reading failed ({Failures} in a row); retrying", Stream, ShardId, failures);
                    await BackOffAsync(failures, stoppingToken);
                    continue;
                }

                progress.Read(Stream, ShardId, batch.Records.Count, batch.MillisBehindLatest);
                var shardEnd = batch.NextShardIterator is null;
                var wait = KinesisWorkerOptions.WaitAfter(batch, options);
                iterator = batch.NextShardIterator;
                if (iterator is not null && wait is null)
                {
                    // The shard holds more: read the next batch while this one is stored (as the KCL prefetches). Only the
                    // read runs ahead; batches are still stored one after the other, each with its checkpoint.
                    readAhead = client.GetRecordsAsync(iterator, options.MaxRecordsPerBatch, stoppingToken);
                }

                if (batch.Records.Count > 0 || shardEnd)
                {
                    var last = batch.Records.Count > 0 ? batch.Records[^1].SequenceNumber : checkpoint;
                    var next = shardEnd ? KinesisCheckpoints.ShardEnd : last!;
                    if (!await StoreAsync(batch.Records, next, stored + batch.Records.Count, stoppingToken))
                    {
                        return ShardReadEnd.LeaseLost;
                    }

                    checkpoint = next;
                    stored += batch.Records.Count;
                }

                if (shardEnd)
                {
                    logger.LogInformation("Shard {Stream}/{Shard} is closed and read to its end", Stream, ShardId);
                    return ShardReadEnd.ShardEnd;
                }

                if (wait is { } pause)
                {
                    await Task.Delay(pause, clock, stoppingToken);
                }
            }
        }
    }

    /// <summary>
    /// Stores the batch with its checkpoint, retrying with backoff until it is stored (a batch is never skipped) or
    /// the lease is gone (false). Each attempt first renews the lease and must finish within half its duration.
    /// </summary>
    private async Task<bool> StoreAsync(IReadOnlyList<KinesisRecord> records, string checkpoint, long stored, CancellationToken stoppingToken)
    {
        var raw = new RawRecord[records.Count];
        for (var i = 0; i < records.Count; i++)
        {
            raw[i] = new RawRecord(KinesisCheckpoints.SourceOf(Stream, ShardId, records[i].SequenceNumber), records[i].Data);
        }

        var key = KinesisCheckpoints.Key(Stream, ShardId);
        ProgressMark[] marks =
        [
            new(KinesisCheckpoints.Scope, key, checkpoint),
            new(KinesisCheckpoints.StoredScope, key, KinesisCheckpoints.FormatStored(stored)),
        ];
        var failures = 0;
        while (true)
        {
            try
            {
                if (!await RenewAsync(stoppingToken))
                {
                    return false;
                }

                // No other host can take the lease before it expires; a persist that runs into the second half of
                // that time is abandoned (rolled back) and tried again after a fresh renewal.
                using var deadline = new CancellationTokenSource(options.LeaseDuration / 2, clock);
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, deadline.Token);
                await using var scope = scopes.CreateAsyncScope();
                var request = scope.ServiceProvider.GetRequiredService<IMediator>().CreateRequestClient<CleanRecords>();
                await request.GetResponse<RecordsStored>(new CleanRecords(target.Stream.Kind, raw, marks), linked.Token);
                progress.Stored(Stream, ShardId);
                return true;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                failures++;
                logger.LogError(
                    ex, "Shard {Stream}/{Shard}: storing {Count} records up to {Checkpoint} failed; retrying the same batch", Stream, ShardId, records.Count, checkpoint);
                await BackOffAsync(failures, stoppingToken);
            }
        }
    }

    private async Task<bool> RenewAsync(CancellationToken stoppingToken)
    {
        if (await lease.RenewAsync(stoppingToken))
        {
            return true;
        }

        logger.LogWarning("Shard {Stream}/{Shard}: lease taken over by another worker; this reader stops", Stream, ShardId);
        return false;
    }

    /// <summary>
    /// Renews between reads. A database that cannot be reached leaves the lease ours until it expires; past that,
    /// another host may hold it, so the reader stops (the worker takes the shard again when it can).
    /// </summary>
    private async Task<bool> KeepLeaseAsync(CancellationToken stoppingToken)
    {
        try
        {
            return await RenewAsync(stoppingToken);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            var stillOurs = clock.GetUtcNow() < lease.ExpiresAt;
            logger.LogWarning(ex, "Shard {Stream}/{Shard}: could not renew the lease (still ours: {StillOurs})", Stream, ShardId, stillOurs);
            return stillOurs;
        }
    }

    /// <summary>Doubling waits, never longer than a lease renewal period, so a reader that retries keeps its lease.</summary>
    private Task BackOffAsync(int failures, CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(200 * Math.Pow(2, Math.Min(failures - 1, 10)));
        return Task.Delay(delay < options.RenewEvery ? delay : options.RenewEvery, clock, stoppingToken);
    }

    private async Task<(string? Checkpoint, long Stored)> LoadCheckpointAsync(CancellationToken cancellationToken)
    {
        var key = KinesisCheckpoints.Key(Stream, ShardId);
        var checkpoints = await KinesisCheckpoints.ReadAsync(scopes, KinesisCheckpoints.Scope, cancellationToken);
        var stored = await KinesisCheckpoints.ReadAsync(scopes, KinesisCheckpoints.StoredScope, cancellationToken);
        return (checkpoints.GetValueOrDefault(key), KinesisCheckpoints.ParseStored(stored.GetValueOrDefault(key)));
    }
}
