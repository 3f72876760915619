using System.Globalization;

namespace Pinterest.Modular.Infrastructure.Kinesis.Worker;

/// <summary>
/// What the stream worker keeps in the warehouse's progress marks, written with the rows in one transaction: per shard
/// (key <c>&lt;stream&gt;/&lt;shardId&gt;</c>) the last stored sequence number (or <see cref="ShardEnd"/> once a closed
/// shard is read to its end) in scope <see cref="Scope"/>, and how many records it has stored in <see cref="StoredScope"/>.
/// </summary>
public static class KinesisCheckpoints
{
    public const string Scope = "kinesis";

    public const string StoredScope = "kinesis-stored";

    /// <summary>The checkpoint of a closed shard read to its end: its children may be read.</summary>
    public const string ShardEnd = "SHARD_END";

    public static string Key(string stream, string shardId) => $"{stream}/{shardId}";

    /// <summary>A record's source id, unique for the rejected store: <c>&lt;stream&gt;/&lt;shardId&gt;/&lt;sequenceNumber&gt;</c>.</summary>
    public static string SourceOf(string stream, string shardId, string sequenceNumber) => $"{stream}/{shardId}/{sequenceNumber}";

    public static long ParseStored(string? value) =>
        value is null ? 0 : long.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);

    public static string FormatStored(long stored) => stored.ToString(CultureInfo.InvariantCulture);
}
