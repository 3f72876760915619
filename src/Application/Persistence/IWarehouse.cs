using Pinterest.Modular.Domain.Common;
using Pinterest.Modular.Domain.Geo;
using Pinterest.Modular.Domain.Pins;
using Pinterest.Modular.Domain.Users;

namespace Pinterest.Modular.Application.Persistence;

/// <summary>Counts of what one persist call changed.</summary>
public sealed record PersistOutcome(int RowsUpserted, int RejectedStored);

/// <summary>Rows per table.</summary>
public sealed record TableCounts(long Pins, long Geo, long Users, long Rejected);

/// <summary>One page of rejected records, newest first.</summary>
public sealed record RejectedPage(IReadOnlyList<RejectedRecord> Items, long Total);

/// <summary>
/// The warehouse: tables <c>pins</c>, <c>geo</c>, <c>users</c> keyed by <c>ind</c>, the rejected store and progress marks.
/// </summary>
public interface IWarehouse
{
    /// <summary>Creates or migrates the schema.</summary>
    Task EnsureCreatedAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Upserts the rows on <c>ind</c>, stores rejections once per source, and saves the marks, all in one transaction:
    /// a batch is stored whole or not at all.
    /// </summary>
    Task<PersistOutcome> PersistAsync(CleanedBatch batch, IReadOnlyList<ProgressMark> marks, CancellationToken cancellationToken);

    /// <summary>The marks of one scope, by key.</summary>
    Task<IReadOnlyDictionary<string, string>> GetMarksAsync(string scope, CancellationToken cancellationToken);

    Task<TableCounts> CountAsync(CancellationToken cancellationToken);

    Task<Pin?> FindPinAsync(long ind, CancellationToken cancellationToken);

    Task<GeoLocation?> FindGeoAsync(long ind, CancellationToken cancellationToken);

    Task<User?> FindUserAsync(long ind, CancellationToken cancellationToken);

    Task<RejectedPage> GetRejectedAsync(int skip, int take, RecordKind? kind, CancellationToken cancellationToken);
}
