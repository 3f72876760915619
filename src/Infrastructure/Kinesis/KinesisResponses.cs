using System.Text.Json;

namespace Pinterest.Modular.Infrastructure.Kinesis;

/// <summary>Reads the answers of the operations; a field the protocol requires but the answer lacks is an InvalidResponse.</summary>
internal static class KinesisResponses
{
    public const string InvalidResponse = "InvalidResponse";

    public static JsonDocument Parse(string operation, byte[] body)
    {
        try
        {
            return JsonDocument.Parse(body.Length == 0 ? "{}"u8.ToArray() : body);
        }
        catch (JsonException ex)
        {
            throw new KinesisException(InvalidResponse, $"{operation} answered something that is not JSON: {ex.Message}", 200, ex);
        }
    }

    public static KinesisStreamSummary StreamSummary(JsonElement root)
    {
        var summary = Required(root, "StreamDescriptionSummary");
        return new KinesisStreamSummary(
            RequiredString(summary, "StreamName"),
            RequiredString(summary, "StreamARN"),
            RequiredString(summary, "StreamStatus"),
            summary.TryGetProperty("OpenShardCount", out var open) ? open.GetInt32() : 0,
            summary.TryGetProperty("RetentionPeriodHours", out var retention) ? retention.GetInt32() : 24);
    }

    public static KinesisShard Shard(JsonElement shard)
    {
        var hashKeys = Required(shard, "HashKeyRange");
        var sequenceNumbers = Required(shard, "SequenceNumberRange");
        return new KinesisShard(
            RequiredString(shard, "ShardId"),
            OptionalString(shard, "ParentShardId"),
            OptionalString(shard, "AdjacentParentShardId"),
            RequiredString(hashKeys, "StartingHashKey"),
            RequiredString(hashKeys, "EndingHashKey"),
            RequiredString(sequenceNumbers, "StartingSequenceNumber"),
            OptionalString(sequenceNumbers, "EndingSequenceNumber"));
    }

    public static KinesisPutResult PutResult(JsonElement result) =>
        new(RequiredString(result, "ShardId"), RequiredString(result, "SequenceNumber"));

    public static KinesisRecordBatch RecordBatch(JsonElement root)
    {
        var records = new List<KinesisRecord>();
        foreach (var record in Required(root, "Records").EnumerateArray())
        {
            // Epoch seconds with a millisecond fraction; rounding keeps 1795282155.823 from becoming .822.
            var arrival = record.TryGetProperty("ApproximateArrivalTimestamp", out var at) && at.ValueKind == JsonValueKind.Number
                ? DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(at.GetDouble() * 1000))
                : DateTimeOffset.UnixEpoch;
            records.Add(new KinesisRecord(
                RequiredString(record, "SequenceNumber"),
                arrival,
                Required(record, "Data").GetBytesFromBase64(),
                RequiredString(record, "PartitionKey")));
        }

        var behind = root.TryGetProperty("MillisBehindLatest", out var millis) && millis.ValueKind == JsonValueKind.Number ? millis.GetInt64() : 0;
        return new KinesisRecordBatch(records, OptionalString(root, "NextShardIterator"), behind);
    }

    public static JsonElement Required(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : throw new KinesisException(InvalidResponse, $"The answer lacks '{name}'.", 200);

    public static string RequiredString(JsonElement parent, string name) =>
        Required(parent, name) is { ValueKind: JsonValueKind.String } value
            ? value.GetString()!
            : throw new KinesisException(InvalidResponse, $"The answer's '{name}' is not a string.", 200);

    public static string? OptionalString(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
