namespace Pinterest.Modular.Infrastructure.Database.Rows;

/// <summary>Table <c>rejected_records</c>: one row per source (topic/offset or stream/sequence).</summary>
public sealed class RejectedRecordRow
{
    public long Id { get; set; }

    /// <summary><c>pin</c>, <c>geo</c> or <c>user</c>.</summary>
    public string Kind { get; set; } = "";

    public string Source { get; set; } = "";

    public string Reason { get; set; } = "";

    public string RawJson { get; set; } = "";

    public DateTime RejectedAt { get; set; }
}
