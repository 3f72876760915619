using Microsoft.EntityFrameworkCore;
using Pinterest.Modular.Application.Batch;
using Pinterest.Modular.Infrastructure.Database.Rows;

namespace Pinterest.Modular.Infrastructure.Database;

/// <summary>Batch runs in table <c>batch_runs</c>; ids come from the database and grow with every run.</summary>
public sealed class SqlBatchRunStore(IDbContextFactory<WarehouseDbContext> contexts) : IBatchRunStore
{
    public async Task<BatchRun> CreateAsync(string trigger, DateTimeOffset queuedAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(trigger);

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = new BatchRunRow
        {
            Trigger = trigger,
            Status = BatchRunStatus.Queued,
            QueuedAt = UtcTimestamps.ToStored(queuedAt),
        };
        db.BatchRuns.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return RowMapping.ToBatchRun(row);
    }

    public async Task UpdateAsync(BatchRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);

        DateTime? startedAt = run.StartedAt is { } started ? UtcTimestamps.ToStored(started) : null;
        DateTime? finishedAt = run.FinishedAt is { } finished ? UtcTimestamps.ToStored(finished) : null;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var changed = await db.BatchRuns
            .Where(row => row.Id == run.Id)
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(row => row.Trigger, run.Trigger)
                    .SetProperty(row => row.Status, run.Status)
                    .SetProperty(row => row.QueuedAt, UtcTimestamps.ToStored(run.QueuedAt))
                    .SetProperty(row => row.StartedAt, startedAt)
                    .SetProperty(row => row.FinishedAt, finishedAt)
                    .SetProperty(row => row.ObjectsRead, run.ObjectsRead)
                    .SetProperty(row => row.RowsUpserted, run.RowsUpserted)
                    .SetProperty(row => row.Rejected, run.Rejected)
                    .SetProperty(row => row.Error, run.Error)
                    .SetProperty(row => row.Host, run.Host),
                cancellationToken);
        if (changed == 0)
        {
            throw new KeyNotFoundException($"Batch run {run.Id} does not exist.");
        }
    }

    public async Task<BatchRun?> FindAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.BatchRuns.AsNoTracking().FirstOrDefaultAsync(run => run.Id == id, cancellationToken);
        return row is null ? null : RowMapping.ToBatchRun(row);
    }

    public async Task<IReadOnlyList<BatchRun>> ListAsync(int take, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(take);

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.BatchRuns.AsNoTracking()
            .OrderByDescending(run => run.Id)
            .Take(take)
            .ToListAsync(cancellationToken);
        return rows.ConvertAll(RowMapping.ToBatchRun);
    }
}
