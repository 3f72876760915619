using System.ComponentModel.DataAnnotations;

namespace Pinterest.Modular.Infrastructure.Embedded;

/// <summary>Configuration section <c>Embedded</c>: the embedded log that stands in for Kafka and Kinesis.</summary>
public sealed class EmbeddedOptions
{
    public const string Section = "Embedded";

    /// <summary><c>Embedded:Partitions</c>: partitions per topic (streams always have one shard).</summary>
    [Range(1, 64, ErrorMessage = "Embedded:Partitions must be between 1 and 64.")]
    public int Partitions { get; set; } = 1;
}
