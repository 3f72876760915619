using Pinterest.Modular.Application.Batch;

namespace Pinterest.Modular.Infrastructure.Database.Rows;

/// <summary>Table <c>batch_runs</c>: times in UTC, status stored by name.</summary>
public sealed class BatchRunRow
{
    public long Id { get; set; }

    public string Trigger { get; set; } = "";

    public BatchRunStatus Status { get; set; }

    public DateTime QueuedAt { get; set; }

    public DateTime? StartedAt { get; set; }

    public DateTime? FinishedAt { get; set; }

    public int ObjectsRead { get; set; }

    public long RowsUpserted { get; set; }

    public long Rejected { get; set; }

    public string? Error { get; set; }

    /// <summary>The name of the host that ran it (null while queued).</summary>
    public string? Host { get; set; }
}
