using System.Collections.Concurrent;
using System.Diagnostics;
using Pinterest.Modular.Application.Kinds;
using Pinterest.Modular.Application.Persistence;
using Pinterest.Modular.Domain.Common;

namespace Pinterest.Modular.Host.Cli.Bench;

/// <summary>
/// The warehouse as the benchmark sees it: the real one, noting when each row's transaction committed, so
/// accept-to-stored latency is measured where it ends rather than by polling.
/// </summary>
public sealed class StoredTimes(IWarehouse inner) : IWarehouse
{
    public ConcurrentDictionary<(RecordKind Kind, long Ind), long> CommittedAt { get; } = new();

    public async Task<PersistOutcome> PersistAsync(CleanedBatch batch, IReadOnlyList<ProgressMark> marks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var outcome = await inner.PersistAsync(batch, marks, cancellationToken);
        var now = Stopwatch.GetTimestamp();
        foreach (var rows in batch.Rows)
        {
            foreach (var row in rows.Rows)
            {
                CommittedAt.TryAdd((rows.Kind.Kind, rows.Kind.KeyOf(row)), now);
            }
        }

        return outcome;
    }

    public Task EnsureCreatedAsync(CancellationToken cancellationToken) => inner.EnsureCreatedAsync(cancellationToken);

    public Task<IReadOnlyDictionary<string, string>> GetMarksAsync(string scope, CancellationToken cancellationToken) => inner.GetMarksAsync(scope, cancellationToken);

    public Task<TableCounts> CountAsync(CancellationToken cancellationToken) => inner.CountAsync(cancellationToken);

    public Task<object?> FindAsync(RecordKindDescription kind, long ind, CancellationToken cancellationToken) => inner.FindAsync(kind, ind, cancellationToken);

    public Task<RejectedPage> GetRejectedAsync(int skip, int take, RecordKind? kind, CancellationToken cancellationToken) =>
        inner.GetRejectedAsync(skip, take, kind, cancellationToken);
}
