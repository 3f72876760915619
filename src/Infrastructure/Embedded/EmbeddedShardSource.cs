using System.Globalization;
using Pinterest.Modular.Application.Cleaning;
using Pinterest.Modular.Application.Persistence;
using Pinterest.Modular.Application.Routing;
using Pinterest.Modular.Application.Streaming;

namespace Pinterest.Modular.Infrastructure.Embedded;

/// <summary>
/// An embedded stream's one shard as a source of micro-batches: its log from the stored checkpoint on (the last
/// stored offset, a progress mark stored with the rows), waiting on the log for records when it has none.
/// </summary>
public sealed class EmbeddedShardSource(Destination stream, DurableLog log, long next, int maxBatchRecords) : IStreamBatchSource
{
    public const string CheckpointScope = "stream";
    public const string Shard = "shardId-000000000000";

    private long _next = next;

    public Destination Stream { get; } = stream;

    public string ShardId => Shard;

    /// <summary>No lease to keep: the loop's own limit applies.</summary>
    public TimeSpan MaxRetryDelay => StreamBatchLoop.MaxRetryDelay;

    public TimeSpan? StoreTimeout => null;

    public static string CheckpointKey(string stream) => $"{stream}/{Shard}";

    /// <summary>The offset after the checkpoint in <paramref name="marks"/>, or 0 when the stream has none.</summary>
    public static long NextAfter(IReadOnlyDictionary<string, string> marks, string stream) =>
        marks.TryGetValue(CheckpointKey(stream), out var value) ? long.Parse(value, CultureInfo.InvariantCulture) + 1 : 0;

    public Task<bool> KeepReadingAsync(CancellationToken cancellationToken) => Task.FromResult(true);

    public async Task<StreamBatch> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var entries = log.Read(_next, maxBatchRecords);
            if (entries.Count > 0)
            {
                return ToBatch(entries);
            }

            await log.WaitForDataAsync(_next, cancellationToken);
        }
    }

    public Task<bool> BeforeStoreAsync(CancellationToken cancellationToken) => Task.FromResult(true);

    public void Stored(StreamBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        _next = long.Parse(batch.Marks[0].Value, CultureInfo.InvariantCulture) + 1;
        log.MarkProcessed(_next); // stored records may go once retention says so
    }

    private StreamBatch ToBatch(IReadOnlyList<LogEntry> entries)
    {
        var records = new RawRecord[entries.Count];
        for (var i = 0; i < entries.Count; i++)
        {
            records[i] = new RawRecord(
                string.Create(CultureInfo.InvariantCulture, $"{Stream.Name}/{Shard}/{entries[i].Offset}"), entries[i].Payload);
        }

        var checkpoint = new ProgressMark(
            CheckpointScope, CheckpointKey(Stream.Name), entries[^1].Offset.ToString(CultureInfo.InvariantCulture));

        // Read again at once: a short batch means the log is drained, and the next read waits on it for records.
        return new StreamBatch(records, [checkpoint], EndsShard: false, WaitBeforeNext: null);
    }
}
