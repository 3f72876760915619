using Pinterest.Modular.Application.Batch;
using Pinterest.Modular.Application.Persistence;
using Pinterest.Modular.Application.Kinds;
using Pinterest.Modular.Infrastructure.Database.Rows;

namespace Pinterest.Modular.Infrastructure.Database;

/// <summary>
/// The pipeline's own records to parameter values (in <see cref="WarehouseTables"/> column order) and rows back to
/// records. A kind's rows are mapped by its description (<see cref="KindTable"/>).
/// </summary>
internal static class RowMapping
{
    public static void Fill(object?[] values, RejectedRecord rejected)
    {
        values[0] = rejected.Kind.Name;
        values[1] = rejected.Source;
        values[2] = rejected.Reason;
        values[3] = rejected.RawJson;
        values[4] = UtcTimestamps.ToStored(rejected.RejectedAt);
    }

    public static void Fill(object?[] values, ProgressMark mark, DateTime updatedAt)
    {
        values[0] = mark.Scope;
        values[1] = mark.Key;
        values[2] = mark.Value;
        values[3] = updatedAt;
    }

    public static RejectedRecord ToRejected(RejectedRecordRow row, RecordKindRegistry kinds) => new(
        kinds.TryFind(row.Kind, out var kind)
            ? kind.Kind
            : throw new InvalidOperationException($"Rejected record {row.Id} has an unknown kind '{row.Kind}'."),
        row.Source,
        row.Reason,
        row.RawJson,
        UtcTimestamps.ToOffset(row.RejectedAt));

    public static BatchRun ToBatchRun(BatchRunRow row) => new(
        row.Id,
        row.Trigger,
        row.Status,
        UtcTimestamps.ToOffset(row.QueuedAt),
        UtcTimestamps.ToOffset(row.StartedAt),
        UtcTimestamps.ToOffset(row.FinishedAt),
        row.ObjectsRead,
        row.RowsUpserted,
        row.Rejected,
        row.Error) { Host = row.Host };
}
