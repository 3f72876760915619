using System.Buffers;
using Pinterest.Modular.Application.Landing;

namespace Pinterest.Modular.Infrastructure.ObjectStore;

/// <summary>
/// Writes one topic partition to the object store the way the Confluent S3 sink connector does (JsonFormat,
/// DefaultPartitioner): objects named by their first offset, each record's value followed by "\n", rotated by
/// <c>flush.size</c> and by <c>rotate.interval.ms</c> on record time. After each object is written it hands the
/// next offset to commit (last written + 1) to the commit callback, so offsets never run ahead of the objects.
/// Transport-agnostic: feed it records in offset order from any log.
/// </summary>
/// <remarks>
/// Not thread-safe: one writer per partition, driven by one caller at a time. After an exception the open
/// object's state is unknown; call <see cref="Reset"/> and feed again from the last committed offset
/// (the object keys come out the same, so a rewrite replaces rather than duplicates).
/// </remarks>
public sealed class S3SinkWriter
{
    private static readonly byte[] LineEnd = "\n"u8.ToArray();

    private readonly IObjectStore _store;
    private readonly Func<long, CancellationToken, Task> _commitOffsetAsync;
    private readonly int _flushSize;
    private readonly TimeSpan? _rotateInterval;
    private readonly ArrayBufferWriter<byte> _content = new(64 * 1024);
    private long _startOffset;
    private long _lastOffset = -1;
    private DateTimeOffset _firstTimestamp;

    public S3SinkWriter(
        IObjectStore store,
        string topic,
        int partition,
        SinkOptions options,
        Func<long, CancellationToken, Task> commitOffsetAsync)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentOutOfRangeException.ThrowIfNegative(partition);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(commitOffsetAsync);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.FlushSize, nameof(options));
        _store = store;
        Topic = topic;
        Partition = partition;
        _commitOffsetAsync = commitOffsetAsync;
        _flushSize = options.FlushSize;
        _rotateInterval = options.RotateIntervalMs > 0 ? TimeSpan.FromMilliseconds(options.RotateIntervalMs) : null;
    }

    public string Topic { get; }

    public int Partition { get; }

    /// <summary>Records in the open (not yet written) object.</summary>
    public int BufferedRecords { get; private set; }

    /// <summary>When the open object becomes due for a time rotation; null when nothing is open or rotation is off.</summary>
    public DateTimeOffset? RotationDueAt =>
        BufferedRecords > 0 && _rotateInterval is { } interval ? _firstTimestamp + interval : null;

    /// <summary>Adds records (offsets increasing) and writes every object that becomes complete on the way.</summary>
    public async Task WriteAsync(IReadOnlyList<SinkRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        foreach (var record in records)
        {
            if (record.Offset <= _lastOffset)
            {
                throw new InvalidOperationException(
                    $"{Topic}/{Partition}: offset {record.Offset} arrived after {_lastOffset}; records must come in offset order.");
            }

            // As the connector does: the time check runs before the record is added, so the record that
            // crosses the interval starts the next object.
            if (BufferedRecords > 0 && _rotateInterval is { } interval && record.Timestamp - _firstTimestamp >= interval)
            {
                await CommitOpenObjectAsync(cancellationToken);
            }

            if (BufferedRecords == 0)
            {
                _startOffset = record.Offset;
                _firstTimestamp = record.Timestamp;
            }

            _content.Write(record.Value.Span);
            _content.Write(LineEnd);
            _lastOffset = record.Offset;
            BufferedRecords++;

            if (BufferedRecords >= _flushSize)
            {
                await CommitOpenObjectAsync(cancellationToken);
            }
        }
    }

    /// <summary>For an idle partition: writes the open object if it is due at <paramref name="now"/>.</summary>
    public async Task<bool> CommitIfDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (RotationDueAt is { } due && now >= due)
        {
            await CommitOpenObjectAsync(cancellationToken);
            return true;
        }

        return false;
    }

    /// <summary>Writes the open object whatever its size (a drain before a batch run).</summary>
    public async Task<bool> FlushAsync(CancellationToken cancellationToken)
    {
        if (BufferedRecords == 0)
        {
            return false;
        }

        await CommitOpenObjectAsync(cancellationToken);
        return true;
    }

    /// <summary>Drops the open object and the offset order check; the caller feeds again from its committed offset.</summary>
    public void Reset()
    {
        _content.ResetWrittenCount();
        BufferedRecords = 0;
        _lastOffset = -1;
    }

    private async Task CommitOpenObjectAsync(CancellationToken cancellationToken)
    {
        var key = new LandingObjectKey(Topic, Partition, _startOffset).ToString();
        await _store.PutAsync(key, _content.WrittenMemory, cancellationToken);
        var nextOffset = _lastOffset + 1;
        _content.ResetWrittenCount();
        BufferedRecords = 0;
        await _commitOffsetAsync(nextOffset, cancellationToken);
    }
}
