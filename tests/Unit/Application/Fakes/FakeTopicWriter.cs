using Pinterest.Modular.Application.Ingest;
using Pinterest.Modular.Application.Routing;

namespace Pinterest.Modular.Tests.Unit.Application.Fakes;

/// <summary>A batch transport that keeps appended records per topic and hands out consecutive offsets.</summary>
internal sealed class FakeTopicWriter : ITopicWriter
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<IngestRecord>> _appended = new(StringComparer.Ordinal);

    public int Partitions { get; set; } = 1;

    /// <summary>When set, every append throws it (a broker that is down).</summary>
    public Exception? FailWith { get; set; }

    public int AppendCalls { get; private set; }

    /// <summary>When set, appends wait for it (a slow broker), so a test can line requests up behind one in flight.</summary>
    public TaskCompletionSource? Hold { get; set; }

    private int _held;

    /// <summary>How many appends are waiting on <see cref="Hold"/> now.</summary>
    public int Held => Volatile.Read(ref _held);

    public int PartitionCount(string topic) => Partitions;

    public IReadOnlyList<IngestRecord> Appended(string topic)
    {
        lock (_gate)
        {
            return _appended.TryGetValue(topic, out var records) ? [.. records] : [];
        }
    }

    public async Task<IReadOnlyList<RecordAck>> AppendAsync(string topic, IReadOnlyList<IngestRecord> records, CancellationToken cancellationToken)
    {
        if (Hold is { } hold)
        {
            Interlocked.Increment(ref _held);
            await hold.Task;
            Interlocked.Decrement(ref _held);
        }

        return Append(topic, records);
    }

    private List<RecordAck> Append(string topic, IReadOnlyList<IngestRecord> records)
    {
        lock (_gate)
        {
            AppendCalls++;
            if (FailWith is not null)
            {
                throw FailWith;
            }

            if (!_appended.TryGetValue(topic, out var log))
            {
                log = [];
                _appended[topic] = log;
            }

            var acks = new List<RecordAck>(records.Count);
            foreach (var record in records)
            {
                var partition = record.Partition ?? 0;
                var offset = log.Count;
                log.Add(record);
                acks.Add(new RecordAck(partition, offset, $"{topic}-{offset}"));
            }

            return acks;
        }
    }
}
