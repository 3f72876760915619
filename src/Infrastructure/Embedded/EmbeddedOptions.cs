using System.ComponentModel.DataAnnotations;

namespace Pinterest.Modular.Infrastructure.Embedded;

/// <summary>Configuration section <c>Embedded</c>: the embedded log that stands in for Kafka and Kinesis.</summary>
public sealed class EmbeddedOptions
{
    public const string Section = "Embedded";

    /// <summary><c>Embedded:Partitions</c>: partitions per topic (streams always have one shard).</summary>
    [Range(1, 64, ErrorMessage = "Embedded:Partitions must be between 1 and 64.")]
    public int Partitions { get; set; } = 1;

    /// <summary>
    /// <c>Embedded:RetentionHours</c>: a log's sealed segments whose records have all been landed (topics) or stored
    /// (streams) are deleted once last written this long ago.
    /// </summary>
    [Range(1, 876_000, ErrorMessage = "Embedded:RetentionHours must be between 1 and 876000 (100 years).")]
    public int RetentionHours { get; set; } = 168;

    /// <summary>
    /// <c>Embedded:RetentionBytes</c>: past this size a log's processed segments are deleted whatever their age; and
    /// once its records not yet landed or stored alone exceed it, appends are refused (503, back-pressure).
    /// </summary>
    [Range(4096L, long.MaxValue, ErrorMessage = "Embedded:RetentionBytes must be at least 4096.")]
    public long RetentionBytes { get; set; } = 1L << 30;

    /// <summary><c>Embedded:SegmentBytes</c>: the size at which a log's segment file is sealed and the next begun.</summary>
    [Range(4096L, 1L << 40, ErrorMessage = "Embedded:SegmentBytes must be between 4096 and 1099511627776 (1 TiB).")]
    public long SegmentBytes { get; set; } = DurableLog.DefaultSegmentBytes;

    /// <summary><c>Embedded:RetentionCheckInterval</c>: how often the retention policy is applied.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00", ErrorMessage = "Embedded:RetentionCheckInterval must be between 00:00:00.100 and 1.00:00:00.")]
    public TimeSpan RetentionCheckInterval { get; set; } = TimeSpan.FromMinutes(1);
}
