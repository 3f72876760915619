using System.Data.Common;
using Pinterest.Modular.Application.Persistence;

namespace Pinterest.Modular.Infrastructure.Database;

/// <summary>
/// Writes one cleaned batch and its progress marks inside the caller's open transaction: rows upserted on
/// <c>ind</c> (the last row for an <c>ind</c> wins), rejections stored once per source (the first wins), marks
/// replaced by scope and key. The caller commits.
/// </summary>
internal interface IBatchWriter
{
    /// <returns>Rows written (each cleaned row counts once, as the upserts see it) and rejections newly stored.</returns>
    Task<PersistOutcome> WriteAsync(
        DbConnection connection,
        DbTransaction transaction,
        CleanedBatch batch,
        IReadOnlyList<ProgressMark> marks,
        DateTime updatedAt,
        CancellationToken cancellationToken);
}
