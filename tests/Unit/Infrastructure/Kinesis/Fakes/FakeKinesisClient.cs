using System.Globalization;
using System.Text;
using Pinterest.Modular.Infrastructure.Kinesis;

namespace Pinterest.Modular.Tests.Unit.Infrastructure.Kinesis.Fakes;

/// <summary>
/// Kinesis in memory for the worker's tests: streams of several shards, reshards (a closed parent with two children),
/// iterators that a test can expire, GetRecords answers that a test can throttle, and a log of the reads asked for.
/// Sequence numbers are 56-digit decimal strings, increasing across the whole fake as in a real stream.
/// </summary>
internal sealed class FakeKinesisClient : IKinesisClient
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<FakeShard>> _streams = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (FakeShard Shard, int Next, int Generation)> _iterators = new(StringComparer.Ordinal);
    private readonly List<(string ShardId, ShardIteratorStart Start)> _iteratorRequests = [];
    private long _sequence = 49_590_000;
    private int _generation;
    private int _throttled;

    /// <summary>How many records a reader is behind reports as this many milliseconds each.</summary>
    public const long MillisPerRecordBehind = 10;

    /// <summary>Answers <c>MillisBehindLatest</c> 0 however far behind a read is, as kinesalite does.</summary>
    public bool ReportsNoLag { get; set; }

    public int GetRecordsCalls { get; private set; }

    public IReadOnlyList<(string ShardId, ShardIteratorStart Start)> IteratorRequests
    {
        get
        {
            lock (_gate)
            {
                return [.. _iteratorRequests];
            }
        }
    }

    public void AddStream(string stream, int shardCount)
    {
        lock (_gate)
        {
            _streams[stream] = [.. Enumerable.Range(0, shardCount).Select(i => new FakeShard(ShardName(i), null))];
        }
    }

    public string Put(string stream, string shardId, byte[] data)
    {
        lock (_gate)
        {
            var shard = Find(stream, shardId);
            if (shard.Closed)
            {
                throw new InvalidOperationException($"{shardId} is closed.");
            }

            var sequence = NextSequence();
            shard.Records.Add(new KinesisRecord(sequence, DateTimeOffset.UnixEpoch, data, "key"));
            return sequence;
        }
    }

    public string Put(string stream, string shardId, string json) => Put(stream, shardId, Encoding.UTF8.GetBytes(json));

    /// <summary>Closes the shard and opens two children whose parent it is; returns their ids.</summary>
    public (string Left, string Right) Split(string stream, string shardId)
    {
        lock (_gate)
        {
            var shards = _streams[stream];
            var parent = Find(stream, shardId);
            parent.Closed = true;
            parent.EndingSequenceNumber = NextSequence();
            var left = new FakeShard(ShardName(shards.Count), shardId);
            var right = new FakeShard(ShardName(shards.Count + 1), shardId);
            shards.Add(left);
            shards.Add(right);
            return (left.Id, right.Id);
        }
    }

    /// <summary>The next <paramref name="calls"/> GetRecords calls answer ProvisionedThroughputExceededException.</summary>
    public void ThrottleGetRecords(int calls)
    {
        lock (_gate)
        {
            _throttled = calls;
        }
    }

    /// <summary>Every iterator handed out so far answers ExpiredIteratorException from now on.</summary>
    public void ExpireIterators()
    {
        lock (_gate)
        {
            _generation++;
        }
    }

    public Task<IReadOnlyList<KinesisShard>> ListShardsAsync(string stream, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_streams.TryGetValue(stream, out var shards))
            {
                throw new KinesisException("ResourceNotFoundException", $"Stream {stream} not found.", 400);
            }

            IReadOnlyList<KinesisShard> listed = [.. shards.Select(s => new KinesisShard(
                s.Id, s.Parent, null, "0", "340282366920938463463374607431768211455", s.StartingSequenceNumber, s.EndingSequenceNumber))];
            return Task.FromResult(listed);
        }
    }

    public Task<string> GetShardIteratorAsync(string stream, string shardId, ShardIteratorStart start, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var shard = Find(stream, shardId);
            _iteratorRequests.Add((shardId, start));
            var next = start.Type switch
            {
                ShardIteratorType.TrimHorizon => 0,
                ShardIteratorType.Latest => shard.Records.Count,
                ShardIteratorType.AtSequenceNumber => shard.Records.FindIndex(r => Compare(r.SequenceNumber, start.SequenceNumber!) >= 0),
                ShardIteratorType.AfterSequenceNumber => shard.Records.FindIndex(r => Compare(r.SequenceNumber, start.SequenceNumber!) > 0),
                _ => throw new ArgumentOutOfRangeException(nameof(start)),
            };
            return Task.FromResult(NewIterator(shard, next < 0 ? shard.Records.Count : next));
        }
    }

    public Task<KinesisRecordBatch> GetRecordsAsync(string shardIterator, int limit, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            GetRecordsCalls++;
            if (_throttled > 0)
            {
                _throttled--;
                throw new KinesisException("ProvisionedThroughputExceededException", "Rate exceeded for shard.", 400);
            }

            if (!_iterators.TryGetValue(shardIterator, out var position))
            {
                throw new KinesisException("InvalidArgumentException", "Invalid ShardIterator.", 400);
            }

            if (position.Generation != _generation)
            {
                throw new KinesisException("ExpiredIteratorException", "Iterator expired.", 400);
            }

            var (shard, next, _) = position;
            var records = shard.Records.Skip(next).Take(limit).ToList();
            var after = next + records.Count;
            var end = shard.Closed && after == shard.Records.Count;
            return Task.FromResult(new KinesisRecordBatch(
                records, end ? null : NewIterator(shard, after), ReportsNoLag ? 0 : (shard.Records.Count - after) * MillisPerRecordBehind));
        }
    }

    public Task CreateStreamAsync(string stream, int shardCount, CancellationToken cancellationToken)
    {
        AddStream(stream, shardCount);
        return Task.CompletedTask;
    }

    public Task DeleteStreamAsync(string stream, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<KinesisStreamSummary> DescribeStreamSummaryAsync(string stream, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task<IReadOnlyList<string>> ListStreamsAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<string>>([.. _streams.Keys]);
        }
    }

    public Task<KinesisPutResult> PutRecordAsync(string stream, KinesisPutEntry entry, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task<IReadOnlyList<KinesisPutResult>> PutRecordsAsync(
        string stream, IReadOnlyList<KinesisPutEntry> entries, CancellationToken cancellationToken) => throw new NotSupportedException();

    /// <summary>Orders decimal sequence numbers of any length.</summary>
    public static int Compare(string left, string right) =>
        left.Length != right.Length ? left.Length.CompareTo(right.Length) : string.CompareOrdinal(left, right);

    public static string ShardName(int index) => string.Create(CultureInfo.InvariantCulture, $"shardId-{index:D12}");

    private FakeShard Find(string stream, string shardId) =>
        _streams[stream].Single(s => s.Id == shardId);

    private string NextSequence() => string.Create(CultureInfo.InvariantCulture, $"{++_sequence:D56}");

    private string NewIterator(FakeShard shard, int next)
    {
        var iterator = "iterator-" + Guid.NewGuid().ToString("N");
        _iterators[iterator] = (shard, next, _generation);
        return iterator;
    }

    private sealed class FakeShard(string id, string? parent)
    {
        public string Id { get; } = id;

        public string? Parent { get; } = parent;

        public string StartingSequenceNumber { get; } = "0";

        public List<KinesisRecord> Records { get; } = [];

        public bool Closed { get; set; }

        public string? EndingSequenceNumber { get; set; }
    }
}
