using MassTransit.Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pinterest.Modular.Application.Cleaning;

namespace Pinterest.Modular.Application.Streaming;

/// <summary>
/// The stream route's one read loop, whatever the transport: read a micro-batch from an <see cref="IStreamBatchSource"/>,
/// send it through the same <see cref="CleanRecords"/> command as the batch job with the source's checkpoint marks (one
/// transaction, so a restart resumes exactly after the last stored record), and read again at once after a full
/// batch or after the wait the source asks for. A failed read or store is retried with doubling waits; a batch is
/// never skipped (records that cannot be cleaned are stored as rejections, not retried).
/// </summary>
public sealed class StreamBatchLoop(IServiceScopeFactory scopes, TimeProvider clock, ILogger<StreamBatchLoop> logger)
{
    /// <summary>
    /// The longest wait between retries: one try per shard every few seconds costs a down warehouse nothing, and the
    /// route catches up within seconds of its return (a 30 s cap left it idle that long).
    /// </summary>
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(200);

    /// <summary>Reads until the shard ends, the lease is lost or <paramref name="stoppingToken"/> is cancelled.</summary>
    public async Task<StreamReadEnd> RunAsync(IStreamBatchSource source, CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        try
        {
            return await ReadBatchesAsync(source, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return StreamReadEnd.Stopped;
        }
    }

    /// <summary>Doubling waits from 200 ms, at most <see cref="MaxRetryDelay"/> and the source's own limit.</summary>
    public static TimeSpan RetryDelay(int failures, TimeSpan sourceLimit)
    {
        var delay = FirstRetryDelay * Math.Pow(2, Math.Clamp(failures - 1, 0, 10));
        var limit = sourceLimit < MaxRetryDelay ? sourceLimit : MaxRetryDelay;
        return delay < limit ? delay : limit;
    }

    private async Task<StreamReadEnd> ReadBatchesAsync(IStreamBatchSource source, CancellationToken stoppingToken)
    {
        var failures = 0;
        while (true)
        {
            stoppingToken.ThrowIfCancellationRequested();
            if (!await source.KeepReadingAsync(stoppingToken))
            {
                return StreamReadEnd.LeaseLost;
            }

            StreamBatch batch;
            try
            {
                batch = await source.ReadAsync(stoppingToken);
                failures = 0;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // Throttling the client gave up on, or the transport unavailable: the same read is tried again later.
                failures++;
                logger.LogWarning(ex, "Shard {Stream}/{Shard}: reading failed ({Failures} in a row); retrying", source.Stream.Name, source.ShardId, failures);
                await Task.Delay(RetryDelay(failures, source.MaxRetryDelay), clock, stoppingToken);
                continue;
            }

            if (batch.Records.Count > 0 || batch.EndsShard)
            {
                if (!await StoreAsync(source, batch, stoppingToken))
                {
                    return StreamReadEnd.LeaseLost;
                }

                source.Stored(batch);
            }

            if (batch.EndsShard)
            {
                logger.LogInformation("Shard {Stream}/{Shard} is closed and read to its end", source.Stream.Name, source.ShardId);
                return StreamReadEnd.ShardEnd;
            }

            if (batch.WaitBeforeNext is { } pause)
            {
                await Task.Delay(pause, clock, stoppingToken);
            }
        }
    }

    /// <summary>
    /// Stores the batch with its marks, retrying until it is stored (a batch is never skipped: the checkpoint does not
    /// move) or the source may no longer store (false).
    /// </summary>
    private async Task<bool> StoreAsync(IStreamBatchSource source, StreamBatch batch, CancellationToken stoppingToken)
    {
        var command = new CleanRecords(source.Stream.Kind, batch.Records, batch.Marks);
        var failures = 0;
        while (true)
        {
            try
            {
                if (!await source.BeforeStoreAsync(stoppingToken))
                {
                    logger.LogWarning("Shard {Stream}/{Shard}: lease taken over by another reader; this reader stops", source.Stream.Name, source.ShardId);
                    return false;
                }

                using var deadline = new CancellationTokenSource(source.StoreTimeout ?? Timeout.InfiniteTimeSpan, clock);
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, deadline.Token);
                await using var scope = scopes.CreateAsyncScope();
                var client = scope.ServiceProvider.GetRequiredService<IMediator>().CreateRequestClient<CleanRecords>();
                await client.GetResponse<RecordsStored>(command, linked.Token);
                return true;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                failures++;
                var delay = RetryDelay(failures, source.MaxRetryDelay);
                logger.LogError(
                    ex,
                    "Shard {Stream}/{Shard}: storing {Count} records failed ({Failures} in a row); retrying the same batch in {Delay}",
                    source.Stream.Name,
                    source.ShardId,
                    batch.Records.Count,
                    failures,
                    delay);
                await Task.Delay(delay, clock, stoppingToken);
            }
        }
    }
}
