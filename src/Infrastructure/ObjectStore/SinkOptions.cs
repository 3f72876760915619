using System.ComponentModel.DataAnnotations;

namespace Pinterest.Modular.Infrastructure.ObjectStore;

/// <summary>Configuration section <c>Sink</c>: how the S3-sink-style writer cuts a partition into objects.</summary>
public sealed class SinkOptions
{
    public const string Section = "Sink";

    /// <summary><c>Sink:FlushSize</c> (the connector's <c>flush.size</c>): records per size-rotated object.</summary>
    [Range(1, 1_000_000, ErrorMessage = "Sink:FlushSize must be between 1 and 1000000.")]
    public int FlushSize { get; set; } = 1000;

    /// <summary>
    /// <c>Sink:RotateIntervalMs</c> (the connector's <c>rotate.interval.ms</c> on record time): an open object is
    /// committed once a record is this much newer than its first record. -1 or 0 turns time rotation off.
    /// </summary>
    [Range(-1, 604_800_000, ErrorMessage = "Sink:RotateIntervalMs must be -1 (off) or at most 604800000 (7 days).")]
    public long RotateIntervalMs { get; set; } = 10_000;
}
