using Pinterest.Modular.Application.Kinds;
using Pinterest.Modular.Application.Persistence;
using Pinterest.Modular.Domain.Common;

namespace Pinterest.Modular.Tests.Unit.Application.Fakes;

/// <summary>One persist call as the warehouse saw it.</summary>
internal sealed record PersistCall(CleanedBatch Batch, IReadOnlyList<ProgressMark> Marks);

/// <summary>
/// Records every persist call and keeps the marks it was given, so a second batch run sees what the first one marked;
/// its change counter goes up with every persist that has rows.
/// </summary>
internal sealed class FakeWarehouse : IWarehouse, IWarehouseChanges
{
    private readonly Lock _gate = new();
    private readonly List<PersistCall> _calls = [];
    private readonly Dictionary<(string Scope, string Key), string> _marks = [];

    /// <summary>When set, persist throws it (a database that is down).</summary>
    public Exception? FailPersistWith { get; set; }

    /// <summary>When set, persist answers this instead of counting the batch (e.g. rejections already stored).</summary>
    public PersistOutcome? Outcome { get; set; }

    /// <summary>The change counter; a test may also move it, as another host's persist would.</summary>
    public long Version { get; set; }

    public Task<long> ReadAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(Version);
        }
    }

    public IReadOnlyList<PersistCall> Calls
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    public void Mark(string scope, string key, string value)
    {
        lock (_gate)
        {
            _marks[(scope, key)] = value;
        }
    }

    public Task<PersistOutcome> PersistAsync(CleanedBatch batch, IReadOnlyList<ProgressMark> marks, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (FailPersistWith is not null)
            {
                throw FailPersistWith;
            }

            _calls.Add(new PersistCall(batch, marks));
            if (batch.RowCount > 0)
            {
                Version++;
            }

            foreach (var mark in marks)
            {
                _marks[(mark.Scope, mark.Key)] = mark.Value;
            }

            return Task.FromResult(Outcome ?? new PersistOutcome(batch.RowCount, batch.Rejected.Count));
        }
    }

    public Task<IReadOnlyDictionary<string, string>> GetMarksAsync(string scope, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyDictionary<string, string> marks = _marks
                .Where(m => m.Key.Scope == scope)
                .ToDictionary(m => m.Key.Key, m => m.Value, StringComparer.Ordinal);
            return Task.FromResult(marks);
        }
    }

    public Task EnsureCreatedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<TableCounts> CountAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<object?> FindAsync(RecordKindDescription kind, long ind, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<RejectedPage> GetRejectedAsync(int skip, int take, RecordKind? kind, CancellationToken cancellationToken) =>
        throw new NotSupportedException();
}
