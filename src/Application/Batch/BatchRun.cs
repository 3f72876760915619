namespace Pinterest.Modular.Application.Batch;

public enum BatchRunStatus
{
    Queued,
    Running,
    Succeeded,
    Failed,
}

/// <summary>
/// One run of the batch job, with its counts and timings, and the host that ran it (<see cref="Host"/>: its
/// <c>HostIdentity</c> name, set when the run starts; null while queued; an abandoned run keeps the host that died).
/// </summary>
public sealed record BatchRun(
    long Id,
    string Trigger,
    BatchRunStatus Status,
    DateTimeOffset QueuedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    int ObjectsRead,
    long RowsUpserted,
    long Rejected,
    string? Error)
{
    public string? Host { get; init; }
}

/// <summary>Where batch runs are recorded.</summary>
public interface IBatchRunStore
{
    Task<BatchRun> CreateAsync(string trigger, DateTimeOffset queuedAt, CancellationToken cancellationToken);

    Task UpdateAsync(BatchRun run, CancellationToken cancellationToken);

    Task<BatchRun?> FindAsync(long id, CancellationToken cancellationToken);

    /// <summary>Newest first.</summary>
    Task<IReadOnlyList<BatchRun>> ListAsync(int take, CancellationToken cancellationToken);
}
