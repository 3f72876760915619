using System.ComponentModel.DataAnnotations;

namespace Pinterest.Modular.Infrastructure.Embedded;

/// <summary>Configuration section <c>StreamWorker</c>.</summary>
public sealed class StreamWorkerOptions
{
    public const string Section = "StreamWorker";

    /// <summary><c>StreamWorker:MaxBatchRecords</c>: the most records one micro-batch stores in one transaction.</summary>
    [Range(1, 10_000)]
    public int MaxBatchRecords { get; set; } = 500;
}
