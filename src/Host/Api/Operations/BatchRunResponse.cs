using System.Text.Json.Serialization;
using Pinterest.Modular.Application.Batch;

namespace Pinterest.Modular.Host.Api.Operations;

/// <summary>
/// One batch run as the API shows it; <c>status</c> is <c>queued</c>, <c>running</c>, <c>succeeded</c> or <c>failed</c>;
/// <c>host</c> the name of the host that ran it (as <c>/api/cluster</c> shows hosts), null while queued.
/// </summary>
public sealed record BatchRunResponse(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("trigger")] string Trigger,
    [property: JsonPropertyName("queued_at")] DateTime QueuedAt,
    [property: JsonPropertyName("started_at")] DateTime? StartedAt,
    [property: JsonPropertyName("finished_at")] DateTime? FinishedAt,
    [property: JsonPropertyName("duration_ms")] long? DurationMs,
    [property: JsonPropertyName("objects_read")] int ObjectsRead,
    [property: JsonPropertyName("rows_upserted")] long RowsUpserted,
    [property: JsonPropertyName("rejected")] long Rejected,
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("host")] string? Host)
{
    public static BatchRunResponse From(BatchRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new BatchRunResponse(
            run.Id,
            StatusName(run.Status),
            run.Trigger,
            run.QueuedAt.UtcDateTime,
            run.StartedAt?.UtcDateTime,
            run.FinishedAt?.UtcDateTime,
            run is { StartedAt: { } started, FinishedAt: { } finished } ? (long)(finished - started).TotalMilliseconds : null,
            run.ObjectsRead,
            run.RowsUpserted,
            run.Rejected,
            run.Error,
            run.Host);
    }

    public static string StatusName(BatchRunStatus status) => status switch
    {
        BatchRunStatus.Queued => "queued",
        BatchRunStatus.Running => "running",
        BatchRunStatus.Succeeded => "succeeded",
        BatchRunStatus.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown batch run status."),
    };
}
