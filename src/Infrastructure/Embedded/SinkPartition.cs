using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Pinterest.Modular.Application.Landing;
using Pinterest.Modular.Infrastructure.ObjectStore;

namespace Pinterest.Modular.Infrastructure.Embedded;

/// <summary>
/// The landing sink's state for one topic partition: the log, the S3-sink writer, the committed offset (kept
/// in <c>topics/&lt;topic&gt;/partition-&lt;p&gt;.sink-offset</c>) and how far the writer has been fed.
/// Everything but <see cref="NextRead"/> is touched only while holding <see cref="Gate"/>.
/// </summary>
internal sealed class SinkPartition : IDisposable
{
    private readonly ILogger _logger;
    private long _nextRead;

    public SinkPartition(string dataDir, string topic, int partition, DurableLog log, IObjectStore store, SinkOptions options, ILogger logger)
    {
        Topic = topic;
        Partition = partition;
        Log = log;
        _logger = logger;
        OffsetPath = Path.Combine(
            dataDir,
            EmbeddedLogStore.TopicsFolder,
            topic,
            string.Create(CultureInfo.InvariantCulture, $"partition-{partition}.sink-offset"));
        Writer = new S3SinkWriter(store, topic, partition, options, CommitAsync);
        CommittedOffset = ReadCommittedOffset();
        _nextRead = CommittedOffset;
        log.MarkProcessed(CommittedOffset); // landed records may go once retention says so
    }

    public string Topic { get; }

    public int Partition { get; }

    public DurableLog Log { get; }

    public S3SinkWriter Writer { get; }

    public string OffsetPath { get; }

    /// <summary>Serialises the worker and a drain on this partition.</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>Every record below this offset is in a landed object.</summary>
    public long CommittedOffset { get; private set; }

    /// <summary>The next offset to feed the writer; read without the gate by the worker's wait.</summary>
    public long NextRead
    {
        get => Interlocked.Read(ref _nextRead);
        private set => Interlocked.Exchange(ref _nextRead, value);
    }

    /// <summary>Feeds up to <paramref name="maxRecords"/> records below <paramref name="upTo"/>; returns how many.</summary>
    public async Task<int> PumpAsync(long upTo, int maxRecords, CancellationToken cancellationToken)
    {
        var from = NextRead;
        if (from >= upTo)
        {
            return 0;
        }

        var entries = Log.Read(from, (int)Math.Min(maxRecords, upTo - from));
        if (entries.Count == 0)
        {
            return 0;
        }

        var records = new SinkRecord[entries.Count];
        for (var i = 0; i < records.Length; i++)
        {
            records[i] = new SinkRecord(entries[i].Offset, entries[i].AppendedAt, entries[i].Payload);
        }

        await Writer.WriteAsync(records, cancellationToken);
        NextRead = entries[^1].Offset + 1;
        return entries.Count;
    }

    /// <summary>After a failure: forget the open object and read again from the committed offset.</summary>
    public void ResetToCommitted()
    {
        Writer.Reset();
        NextRead = CommittedOffset;
    }

    public void Dispose() => Gate.Dispose();

    private async Task CommitAsync(long nextOffset, CancellationToken cancellationToken)
    {
        var text = Encoding.ASCII.GetBytes(nextOffset.ToString(CultureInfo.InvariantCulture) + "\n");
        await AtomicFile.ReplaceAsync(OffsetPath, text, cancellationToken);
        CommittedOffset = nextOffset;
        Log.MarkProcessed(nextOffset);
        _logger.LogDebug("Landed {Topic}/{Partition} up to offset {Offset}.", Topic, Partition, nextOffset);
    }

    private long ReadCommittedOffset()
    {
        if (!File.Exists(OffsetPath))
        {
            return 0;
        }

        var text = File.ReadAllText(OffsetPath).Trim();
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
        {
            throw new InvalidDataException($"The sink offset file '{OffsetPath}' holds '{text}', not an offset.");
        }

        var end = Log.NextOffset;
        if (offset > end)
        {
            // The log cannot lose acknowledged records, so this means the files were tampered with; reading on
            // from the end of the log at least lands everything appended from now on.
            _logger.LogWarning(
                "The sink offset {Offset} in {File} is past the end of the log ({End}); landing continues from {End}.",
                offset,
                OffsetPath,
                end,
                end);
            return end;
        }

        return offset;
    }
}
