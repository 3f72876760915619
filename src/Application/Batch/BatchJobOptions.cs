using System.ComponentModel.DataAnnotations;

namespace Pinterest.Modular.Application.Batch;

/// <summary>Configuration section <c>BatchJob</c>.</summary>
public sealed class BatchJobOptions
{
    public const string Section = "BatchJob";

    /// <summary><c>BatchJob:ChunkRecords</c>: records per clean-and-persist transaction.</summary>
    [Range(1, 1_000_000)]
    public int ChunkRecords { get; set; } = 5000;
}
