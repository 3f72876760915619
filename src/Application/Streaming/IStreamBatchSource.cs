using Pinterest.Modular.Application.Routing;

namespace Pinterest.Modular.Application.Streaming;

/// <summary>
/// One shard of a stream as a transport reads it: it supplies micro-batches with the progress marks that checkpoint
/// them, and says whether it may still read and store. <see cref="StreamBatchLoop"/> does the rest (clean, persist with
/// the marks in one transaction, retries), so every stream transport reads the same way.
/// </summary>
public interface IStreamBatchSource
{
    /// <summary>The stream read; its kind is what the records are cleaned as.</summary>
    Destination Stream { get; }

    /// <summary>The shard's id, for logs.</summary>
    string ShardId { get; }

    /// <summary>The longest wait between retries this source allows (at most <see cref="StreamBatchLoop.MaxRetryDelay"/> is waited).</summary>
    TimeSpan MaxRetryDelay { get; }

    /// <summary>How long one attempt to store a batch may take before it is abandoned and retried; null for no limit.</summary>
    TimeSpan? StoreTimeout { get; }

    /// <summary>Before each read: false when this reader must stop (its lease is no longer its own).</summary>
    Task<bool> KeepReadingAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The batch after the last one stored. A source that can be told of new records waits for them here; one that
    /// cannot returns a short or empty batch with <see cref="StreamBatch.WaitBeforeNext"/> set.
    /// </summary>
    Task<StreamBatch> ReadAsync(CancellationToken cancellationToken);

    /// <summary>Before each attempt to store: false when this reader may no longer store (another took its lease over).</summary>
    Task<bool> BeforeStoreAsync(CancellationToken cancellationToken);

    /// <summary>The batch and its marks are stored: the next read continues after it.</summary>
    void Stored(StreamBatch batch);
}
