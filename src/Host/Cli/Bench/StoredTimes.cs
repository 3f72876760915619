using System.Collections.Concurrent;
using System.Diagnostics;
using Pinterest.Modular.Application.Persistence;
using Pinterest.Modular.Domain.Common;
using Pinterest.Modular.Domain.Geo;
using Pinterest.Modular.Domain.Pins;
using Pinterest.Modular.Domain.Users;

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
        foreach (var pin in batch.Pins)
        {
            CommittedAt.TryAdd((RecordKind.Pin, pin.Ind), now);
        }

        foreach (var geo in batch.Geos)
        {
            CommittedAt.TryAdd((RecordKind.Geo, geo.Ind), now);
        }

        foreach (var user in batch.Users)
        {
            CommittedAt.TryAdd((RecordKind.User, user.Ind), now);
        }

        return outcome;
    }

    public Task EnsureCreatedAsync(CancellationToken cancellationToken) => inner.EnsureCreatedAsync(cancellationToken);

    public Task<IReadOnlyDictionary<string, string>> GetMarksAsync(string scope, CancellationToken cancellationToken) => inner.GetMarksAsync(scope, cancellationToken);

    public Task<TableCounts> CountAsync(CancellationToken cancellationToken) => inner.CountAsync(cancellationToken);

    public Task<Pin?> FindPinAsync(long ind, CancellationToken cancellationToken) => inner.FindPinAsync(ind, cancellationToken);

    public Task<GeoLocation?> FindGeoAsync(long ind, CancellationToken cancellationToken) => inner.FindGeoAsync(ind, cancellationToken);

    public Task<User?> FindUserAsync(long ind, CancellationToken cancellationToken) => inner.FindUserAsync(ind, cancellationToken);

    public Task<RejectedPage> GetRejectedAsync(int skip, int take, RecordKind? kind, CancellationToken cancellationToken) =>
        inner.GetRejectedAsync(skip, take, kind, cancellationToken);
}
