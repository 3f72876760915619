namespace Pinterest.Modular.Infrastructure.Kinesis.Worker;

/// <summary>
/// What this host's shard readers see, in memory, for the monitor: per shard being read, how far behind the stream's
/// tip the last GetRecords was (<c>MillisBehindLatest</c>) and how many records were read but are not stored yet.
/// </summary>
public sealed class KinesisReadProgress
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Stream, string ShardId), ShardState> _shards = [];

    /// <summary>The shards this host reads now, as <c>&lt;stream&gt;/&lt;shardId&gt;</c>.</summary>
    public IReadOnlyList<string> Shards
    {
        get
        {
            lock (_gate)
            {
                return [.. _shards.Keys.Select(k => KinesisCheckpoints.Key(k.Stream, k.ShardId)).Order(StringComparer.Ordinal)];
            }
        }
    }

    public void Started(string stream, string shardId)
    {
        lock (_gate)
        {
            _shards[(stream, shardId)] = new ShardState();
        }
    }

    public void Read(string stream, string shardId, int records, long millisBehindLatest)
    {
        lock (_gate)
        {
            if (_shards.TryGetValue((stream, shardId), out var state))
            {
                state.Pending = records;
                state.MillisBehindLatest = millisBehindLatest;
            }
        }
    }

    public void Stored(string stream, string shardId)
    {
        lock (_gate)
        {
            if (_shards.TryGetValue((stream, shardId), out var state))
            {
                state.Pending = 0;
            }
        }
    }

    public void Ended(string stream, string shardId)
    {
        lock (_gate)
        {
            _shards.Remove((stream, shardId));
        }
    }

    /// <summary>
    /// The stream's largest <c>MillisBehindLatest</c> over the shards this host reads, and the records read and not
    /// yet stored; a null lag when this host reads none of its shards.
    /// </summary>
    public (TimeSpan? Lag, long Pending) Of(string stream)
    {
        lock (_gate)
        {
            TimeSpan? lag = null;
            long pending = 0;
            foreach (var ((name, _), state) in _shards)
            {
                if (name != stream)
                {
                    continue;
                }

                var behind = TimeSpan.FromMilliseconds(state.MillisBehindLatest);
                lag = lag is { } known && known >= behind ? known : behind;
                pending += state.Pending;
            }

            return (lag, pending);
        }
    }

    private sealed class ShardState
    {
        public int Pending { get; set; }

        public long MillisBehindLatest { get; set; }
    }
}
