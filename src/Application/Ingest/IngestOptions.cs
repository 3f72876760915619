using System.ComponentModel.DataAnnotations;

namespace Pinterest.Modular.Application.Ingest;

/// <summary>Configuration section <c>Ingest</c>.</summary>
public sealed class IngestOptions
{
    public const string Section = "Ingest";

    /// <summary><c>Ingest:MaxRecordsPerRequest</c>: the most records one request may carry.</summary>
    [Range(1, 100_000)]
    public int MaxRecordsPerRequest { get; set; } = 1000;
}
