using Pinterest.Modular.Domain.Common;

namespace Pinterest.Modular.Tests.Integration.Reliability;

/// <summary>
/// What the load's clients know of every key they sent: acknowledged (200: the host promised to keep it), unknown (the
/// request failed on the wire, e.g. in flight when the host was killed: it may or may not have been kept), or
/// answered with an error (a test that expects none asserts the list is empty). Thread-safe.
/// </summary>
internal sealed class AckLedger
{
    private readonly Lock _gate = new();
    private readonly Dictionary<RecordKind, HashSet<long>> _acked = RecordKinds.All.ToDictionary(k => k, _ => new HashSet<long>());
    private readonly Dictionary<RecordKind, HashSet<long>> _unknown = RecordKinds.All.ToDictionary(k => k, _ => new HashSet<long>());
    private readonly List<string> _errors = [];
    private long _nextKey;

    /// <param name="firstKey">The first key handed out; keys then increase, so no two records share one.</param>
    public AckLedger(long firstKey = 1) => _nextKey = firstKey - 1;

    public int AckedCount
    {
        get
        {
            lock (_gate)
            {
                return _acked.Values.Sum(s => s.Count);
            }
        }
    }

    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_gate)
            {
                return [.. _errors];
            }
        }
    }

    /// <summary>Keys no record has used yet.</summary>
    public long[] Reserve(int count)
    {
        var last = Interlocked.Add(ref _nextKey, count);
        return [.. Enumerable.Range(0, count).Select(i => last - count + 1 + i)];
    }

    public void Acked(RecordKind kind, IEnumerable<long> keys) => Add(_acked[kind], keys);

    public void Unknown(RecordKind kind, IEnumerable<long> keys) => Add(_unknown[kind], keys);

    public void Error(string what)
    {
        lock (_gate)
        {
            _errors.Add(what);
        }
    }

    public IReadOnlySet<long> AckedOf(RecordKind kind)
    {
        lock (_gate)
        {
            return new HashSet<long>(_acked[kind]);
        }
    }

    public IReadOnlySet<long> UnknownOf(RecordKind kind)
    {
        lock (_gate)
        {
            return new HashSet<long>(_unknown[kind]);
        }
    }

    private void Add(HashSet<long> set, IEnumerable<long> keys)
    {
        lock (_gate)
        {
            set.UnionWith(keys);
        }
    }
}
