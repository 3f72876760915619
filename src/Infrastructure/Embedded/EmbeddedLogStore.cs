using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pinterest.Modular.Application.Ingest;
using Pinterest.Modular.Application.Routing;

namespace Pinterest.Modular.Infrastructure.Embedded;

/// <summary>
/// The embedded transport: every topic partition and stream shard is a <see cref="DurableLog"/> under the data
/// directory (<c>topics/&lt;topic&gt;/partition-&lt;p&gt;.log</c>, <c>streams/&lt;stream&gt;/shardId-000000000000.log</c>),
/// opened on first use. Register as a singleton: a log file has one writer per process.
/// </summary>
public sealed partial class EmbeddedLogStore : ITopicWriter, IStreamWriter, IRetainedLogs, IDisposable, IAsyncDisposable
{
    public const string TopicsFolder = "topics";
    public const string StreamsFolder = "streams";
    public const string ShardFileName = "shardId-000000000000.log";

    private readonly ConcurrentDictionary<string, DurableLog> _logs = new(StringComparer.Ordinal);

    // Per topic, its partitions' logs once opened: an append then costs no name check, path building or path lookup.
    private readonly ConcurrentDictionary<string, DurableLog?[]> _topicLogs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RoundRobin> _roundRobin = new(StringComparer.Ordinal);
    private readonly Lock _opening = new();
    private readonly TimeProvider _time;
    private readonly ILogger<EmbeddedLogStore> _logger;
    private readonly int _partitions;
    private readonly EmbeddedOptions _options;
    private bool _disposed;

    public EmbeddedLogStore(
        IOptions<PipelineOptions> pipeline,
        IOptions<EmbeddedOptions> embedded,
        TimeProvider time,
        ILogger<EmbeddedLogStore> logger)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(embedded);
        DataDir = Path.GetFullPath(pipeline.Value.DataDir);
        _partitions = embedded.Value.Partitions;
        _options = embedded.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>The full path of <c>Pipeline:DataDir</c>.</summary>
    public string DataDir { get; }

    public int PartitionCount(string topic) => _partitions;

    public static string TopicPartitionPath(string dataDir, string topic, int partition) =>
        Path.Combine(dataDir, TopicsFolder, topic, string.Create(CultureInfo.InvariantCulture, $"partition-{partition}.log"));

    public static string StreamShardPath(string dataDir, string stream) =>
        Path.Combine(dataDir, StreamsFolder, stream, ShardFileName);

    /// <summary>The log of one topic partition, opened (and created) on first use.</summary>
    /// <exception cref="LogLockedException">Another process uses the data directory.</exception>
    public DurableLog GetTopicPartition(string topic, int partition)
    {
        ArgumentNullException.ThrowIfNull(topic);
        CheckPartition(topic, partition);
        if (_topicLogs.TryGetValue(topic, out var opened) && opened[partition] is { } known)
        {
            return known;
        }

        EnsureSafeName(topic);
        var log = GetOrOpen(TopicPartitionPath(DataDir, topic, partition));
        _topicLogs.GetOrAdd(topic, _ => new DurableLog?[_partitions])[partition] = log;
        return log;
    }

    /// <summary>The log of a stream's only shard, opened (and created) on first use.</summary>
    /// <exception cref="LogLockedException">Another process uses the data directory.</exception>
    public DurableLog GetStreamShard(string stream)
    {
        EnsureSafeName(stream);
        return GetOrOpen(StreamShardPath(DataDir, stream));
    }

    Task<IReadOnlyList<RecordAck>> ITopicWriter.AppendAsync(
        string topic,
        IReadOnlyList<IngestRecord> records,
        CancellationToken cancellationToken) => AppendToTopicAsync(topic, records, cancellationToken);

    Task<IReadOnlyList<RecordAck>> IStreamWriter.AppendAsync(
        string stream,
        IReadOnlyList<IngestRecord> records,
        CancellationToken cancellationToken) => AppendToStreamAsync(stream, records, cancellationToken);

    /// <summary>
    /// Appends to a topic: to <see cref="IngestRecord.Partition"/> when given, else by a stable hash of the key,
    /// else round-robin. Records of one partition stay in request order. When records go to several
    /// partitions and one partition fails, the others may already hold theirs.
    /// </summary>
    public async Task<IReadOnlyList<RecordAck>> AppendToTopicAsync(
        string topic,
        IReadOnlyList<IngestRecord> records,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        EnsureSafeName(topic);

        // Every record is placed before anything is written, so a bad partition rejects the whole request.
        var partitions = new int[records.Count];
        var onePartition = true;
        for (var i = 0; i < records.Count; i++)
        {
            partitions[i] = ChoosePartition(topic, records[i]);
            onePartition &= partitions[i] == partitions[0];
        }

        if (onePartition && records.Count > 0)
        {
            // The common case (one record, or one partition): no grouping, one append.
            return await AppendToPartitionAsync(topic, partitions[0], records, cancellationToken);
        }

        var acks = new RecordAck[records.Count];
        var appends = Enumerable.Range(0, records.Count)
            .GroupBy(i => partitions[i])
            .Select(async indices =>
            {
                var positions = indices.ToArray();
                var log = OpenForAppend(() => GetTopicPartition(topic, indices.Key));
                var offsets = await AppendToLogAsync(log, positions.Select(i => records[i].Value).ToArray(), cancellationToken);
                for (var j = 0; j < positions.Length; j++)
                {
                    acks[positions[j]] = Ack(indices.Key, offsets[j]);
                }
            });
        await Task.WhenAll(appends);
        return acks;
    }

    /// <summary>Appends to a stream's only shard; the acks carry shard index 0.</summary>
    public async Task<IReadOnlyList<RecordAck>> AppendToStreamAsync(
        string stream,
        IReadOnlyList<IngestRecord> records,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        var log = OpenForAppend(() => GetStreamShard(stream));
        return await AppendAllAsync(log, 0, records, cancellationToken);
    }

    private async Task<IReadOnlyList<RecordAck>> AppendToPartitionAsync(
        string topic, int partition, IReadOnlyList<IngestRecord> records, CancellationToken cancellationToken)
    {
        var log = OpenForAppend(() => GetTopicPartition(topic, partition));
        return await AppendAllAsync(log, partition, records, cancellationToken);
    }

    /// <summary>Appends every record to one log, in order; the acks carry <paramref name="partition"/>.</summary>
    private async Task<IReadOnlyList<RecordAck>> AppendAllAsync(
        DurableLog log, int partition, IReadOnlyList<IngestRecord> records, CancellationToken cancellationToken)
    {
        var payloads = new ReadOnlyMemory<byte>[records.Count];
        for (var i = 0; i < payloads.Length; i++)
        {
            payloads[i] = records[i].Value;
        }

        var offsets = await AppendToLogAsync(log, payloads, cancellationToken);
        var acks = new RecordAck[offsets.Length];
        for (var i = 0; i < acks.Length; i++)
        {
            acks[i] = Ack(partition, offsets[i]);
        }

        return acks;
    }

    /// <summary>Every open log with the bytes it holds and the bytes not yet consumed, named by its path under the data directory.</summary>
    public IReadOnlyList<RetainedLog> List() =>
        [.. _logs.Values.Select(log => new RetainedLog(NameOf(log), log.RetainedBytes, log.UnprocessedBytes)).OrderBy(l => l.Name, StringComparer.Ordinal)];

    /// <summary>
    /// Applies <c>Embedded:RetentionHours</c> and <c>Embedded:RetentionBytes</c> to every open log: deletes the sealed
    /// segments its reader has consumed that are old enough or over the size. Returns the bytes deleted.
    /// </summary>
    public long ApplyRetention()
    {
        var writtenBefore = _time.GetUtcNow() - TimeSpan.FromHours(_options.RetentionHours);
        long deleted = 0;
        foreach (var log in _logs.Values)
        {
            try
            {
                var bytes = log.DeleteProcessedSegments(writtenBefore, _options.RetentionBytes);
                if (bytes > 0)
                {
                    _logger.LogInformation(
                        "Retention deleted {Bytes} bytes of consumed records from {Log}; it keeps {Retained} bytes from offset {First}.",
                        bytes, NameOf(log), log.RetainedBytes, log.FirstOffset);
                }

                deleted += bytes;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                _logger.LogWarning(ex, "Retention could not delete segments of {Log}; it tries again at the next check.", NameOf(log));
            }
            catch (ObjectDisposedException)
            {
                break; // shutting down
            }
        }

        return deleted;
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private string NameOf(DurableLog log) => Path.GetRelativePath(DataDir, log.FilePath);

    public async ValueTask DisposeAsync()
    {
        DurableLog[] logs;
        lock (_opening)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            logs = [.. _logs.Values];
            _logs.Clear();
            _topicLogs.Clear();
        }

        foreach (var log in logs)
        {
            await log.DisposeAsync();
        }
    }

    private static RecordAck Ack(int partition, long offset) =>
        new(partition, offset, offset.ToString(CultureInfo.InvariantCulture));

    /// <summary>FNV-1a over the key's UTF-8 bytes: stable across processes and releases, unlike string.GetHashCode.</summary>
    private static uint KeyHash(string key)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(key))
        {
            hash = (hash ^ b) * 16777619u;
        }

        return hash;
    }

    private async Task<long[]> AppendToLogAsync(
        DurableLog log,
        ReadOnlyMemory<byte>[] payloads,
        CancellationToken cancellationToken)
    {
        // Back-pressure: past this, the disk would fill with records nobody consumes; clients retry once the reader caught up.
        if (log.UnprocessedBytes is { } waiting && waiting > _options.RetentionBytes)
        {
            throw new TransportUnavailableException(
                $"The embedded log {NameOf(log)} holds {waiting} bytes not yet landed or stored, more than Embedded:RetentionBytes ({_options.RetentionBytes}); retry once its reader has caught up.");
        }

        try
        {
            return await log.AppendAsync(payloads, cancellationToken);
        }
        catch (IOException ex)
        {
            throw new TransportUnavailableException($"The embedded log '{log.FilePath}' could not take the records: {ex.Message}", ex);
        }
        catch (ObjectDisposedException ex)
        {
            throw new TransportUnavailableException($"The embedded log '{log.FilePath}' is closed (shutting down).", ex);
        }
    }

    /// <summary>Names become folder names, so they may hold only what a topic name may hold.</summary>
    private static void EnsureSafeName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!SafeName().IsMatch(name) || name is "." or "..")
        {
            throw new ArgumentException($"'{name}' is not a valid topic or stream name for the embedded log.", nameof(name));
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,249}$", RegexOptions.CultureInvariant)]
    private static partial Regex SafeName();

    private static DurableLog OpenForAppend(Func<DurableLog> open)
    {
        try
        {
            return open();
        }
        catch (LogLockedException ex)
        {
            throw new TransportUnavailableException(ex.Message, ex);
        }
        catch (ObjectDisposedException ex)
        {
            throw new TransportUnavailableException("The embedded log store is closed (shutting down).", ex);
        }
    }

    private int ChoosePartition(string topic, IngestRecord record)
    {
        if (record.Partition is { } partition)
        {
            CheckPartition(topic, partition);
            return partition;
        }

        if (record.Key is { } key)
        {
            return (int)(KeyHash(key) % (uint)_partitions);
        }

        return _roundRobin.GetOrAdd(topic, _ => new RoundRobin()).Next(_partitions);
    }

    private void CheckPartition(string topic, int partition)
    {
        if (partition < 0 || partition >= _partitions)
        {
            // This constructor keeps the message exactly as written: it goes back to REST clients.
            throw new ArgumentOutOfRangeException(
                $"partition {partition} does not exist in topic {topic} ({_partitions} partitions)",
                innerException: null);
        }
    }

    private DurableLog GetOrOpen(string path)
    {
        if (_logs.TryGetValue(path, out var log))
        {
            return log;
        }

        lock (_opening)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_logs.TryGetValue(path, out log))
            {
                return log;
            }

            try
            {
                log = DurableLog.Open(path, _time, _options.SegmentBytes);
            }
            catch (LogLockedException ex)
            {
                throw new LogLockedException(
                    $"The data directory '{DataDir}' is in use by another process or log store (Pipeline:DataDir). {ex.Message}",
                    ex);
            }

            if (log.TruncatedBytes > 0)
            {
                _logger.LogWarning(
                    "Cut a torn or corrupt tail of {Bytes} bytes off {Log} (an unfinished write, never acknowledged).",
                    log.TruncatedBytes,
                    path);
            }

            _logs[path] = log;
            return log;
        }
    }

    private sealed class RoundRobin
    {
        private int _counter = -1;

        public int Next(int partitions) => (int)((uint)Interlocked.Increment(ref _counter) % (uint)partitions);
    }
}
