using Pinterest.Modular.Application.Batch;

namespace Pinterest.Modular.Tests.Unit.Application.Fakes;

/// <summary>Keeps every state a run was saved in, so tests can follow its transitions.</summary>
internal sealed class FakeBatchRunStore : IBatchRunStore
{
    private readonly Lock _gate = new();
    private readonly List<BatchRun> _history = [];
    private long _nextId = 41;

    /// <summary>Every created or updated state, oldest first.</summary>
    public IReadOnlyList<BatchRun> History
    {
        get
        {
            lock (_gate)
            {
                return [.. _history];
            }
        }
    }

    public Task<BatchRun> CreateAsync(string trigger, DateTimeOffset queuedAt, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var run = new BatchRun(++_nextId, trigger, BatchRunStatus.Queued, queuedAt, null, null, 0, 0, 0, null);
            _history.Add(run);
            return Task.FromResult(run);
        }
    }

    /// <summary>Asked before each update; an exception it gives is thrown instead (the warehouse is away).</summary>
    public Func<BatchRun, Exception?>? FailUpdate { get; set; }

    public Task UpdateAsync(BatchRun run, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (FailUpdate?.Invoke(run) is { } failure)
            {
                return Task.FromException(failure);
            }

            _history.Add(run);
            return Task.CompletedTask;
        }
    }

    public Task<BatchRun?> FindAsync(long id, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_history.LastOrDefault(r => r.Id == id));
        }
    }

    public Task<IReadOnlyList<BatchRun>> ListAsync(int take, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<BatchRun> latest = [.. _history.GroupBy(r => r.Id).Select(g => g.Last()).OrderByDescending(r => r.Id).Take(take)];
            return Task.FromResult(latest);
        }
    }
}
