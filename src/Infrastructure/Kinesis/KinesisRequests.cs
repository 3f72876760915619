using System.Buffers;
using System.Text.Json;

namespace Pinterest.Modular.Infrastructure.Kinesis;

/// <summary>The JSON bodies of the operations (blobs as base64 strings), written straight to UTF-8 without reflection.</summary>
internal static class KinesisRequests
{
    public static byte[] CreateStream(string stream, int shardCount) => Write(w =>
    {
        w.WriteString("StreamName", stream);
        w.WriteNumber("ShardCount", shardCount);
    });

    public static byte[] StreamOnly(string stream) => Write(w => w.WriteString("StreamName", stream));

    public static byte[] ListStreams(string? exclusiveStartStreamName) => Write(w =>
    {
        if (exclusiveStartStreamName is not null)
        {
            w.WriteString("ExclusiveStartStreamName", exclusiveStartStreamName);
        }
    });

    /// <summary>The first page names the stream; a later one carries only the token (Kinesis refuses both together).</summary>
    public static byte[] ListShards(string stream, string? nextToken) =>
        nextToken is null ? StreamOnly(stream) : Write(w => w.WriteString("NextToken", nextToken));

    public static byte[] PutRecord(string stream, KinesisPutEntry entry) => Write(w =>
    {
        w.WriteString("StreamName", stream);
        WriteEntry(w, entry);
    });

    public static byte[] PutRecords(string stream, IReadOnlyList<KinesisPutEntry> entries, IReadOnlyList<int> indices) => Write(w =>
    {
        w.WriteString("StreamName", stream);
        w.WriteStartArray("Records");
        foreach (var index in indices)
        {
            w.WriteStartObject();
            WriteEntry(w, entries[index]);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    });

    public static byte[] GetShardIterator(string stream, string shardId, ShardIteratorStart start) => Write(w =>
    {
        w.WriteString("StreamName", stream);
        w.WriteString("ShardId", shardId);
        w.WriteString("ShardIteratorType", start.Type switch
        {
            ShardIteratorType.TrimHorizon => "TRIM_HORIZON",
            ShardIteratorType.Latest => "LATEST",
            ShardIteratorType.AtSequenceNumber => "AT_SEQUENCE_NUMBER",
            ShardIteratorType.AfterSequenceNumber => "AFTER_SEQUENCE_NUMBER",
            _ => throw new ArgumentOutOfRangeException(nameof(start), start.Type, "Unknown shard iterator type."),
        });
        if (start.Type is ShardIteratorType.AtSequenceNumber or ShardIteratorType.AfterSequenceNumber)
        {
            w.WriteString(
                "StartingSequenceNumber",
                start.SequenceNumber ?? throw new ArgumentException($"{start.Type} needs a sequence number.", nameof(start)));
        }
    });

    public static byte[] GetRecords(string shardIterator, int limit) => Write(w =>
    {
        w.WriteString("ShardIterator", shardIterator);
        w.WriteNumber("Limit", limit);
    });

    private static void WriteEntry(Utf8JsonWriter w, KinesisPutEntry entry)
    {
        w.WriteBase64String("Data", entry.Data.Span);
        w.WriteString("PartitionKey", entry.PartitionKey);
    }

    private static byte[] Write(Action<Utf8JsonWriter> writeFields)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writeFields(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
