using System.Runtime.InteropServices;
using System.Text.Json;
using Pinterest.Modular.Application.Ingest;

namespace Pinterest.Modular.Host.Api.KinesisProxy;

/// <summary>
/// The bodies of the Kinesis proxy's PUT methods: <c>{"StreamName","Data","PartitionKey"}</c> for one record and
/// <c>{"records":[{"data","partition-key"}]}</c> for several (Kinesis' own <c>Records</c>/<c>Data</c>/<c>PartitionKey</c>
/// spelling is accepted too). <c>Data</c> is the row as JSON, or a string holding base64 of it (seen in the wild).
/// </summary>
public static class PutRecordsRequest
{
    /// <summary>Kinesis' limits: a record's data up to 1 MiB, 500 records per PutRecords.</summary>
    public const int MaxDataBytes = 1024 * 1024;
    public const int MaxRecords = 500;

    /// <summary>PutRecords' entry limit, checked before the body's document is built.</summary>
    public static readonly RecordsLimit EntriesLimit = new(MaxRecords, EntriesRefusal);

    public static (IngestRecord? Record, string? Error) ReadOne(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return (null, "The body must be a JSON object {\"StreamName\",\"Data\",\"PartitionKey\"}.");
        }

        return ReadEntry(body, "Data", "PartitionKey", string.Empty);
    }

    public static (List<IngestRecord>? Records, string? Error) ReadMany(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object
            || !(body.TryGetProperty("records", out var entries) || body.TryGetProperty("Records", out entries))
            || entries.ValueKind != JsonValueKind.Array)
        {
            return (null, "The body must be a JSON object with a \"records\" array of {\"data\",\"partition-key\"}.");
        }

        var count = entries.GetArrayLength();
        if (count is 0 or > MaxRecords)
        {
            return (null, EntriesRefusal(count));
        }

        var records = new List<IngestRecord>(count);
        var index = 0;
        foreach (var entry in entries.EnumerateArray())
        {
            var at = $"records[{index}].";
            if (entry.ValueKind != JsonValueKind.Object)
            {
                return (null, $"records[{index}] must be an object {{\"data\",\"partition-key\"}}.");
            }

            // An entry is in the API Gateway spelling if either of its fields is, so a missing field is named as the client spells it.
            var (record, error) = entry.TryGetProperty("data", out _) || entry.TryGetProperty("partition-key", out _)
                ? ReadEntry(entry, "data", "partition-key", at)
                : ReadEntry(entry, "Data", "PartitionKey", at);
            if (error is not null)
            {
                return (null, error);
            }

            records.Add(record!);
            index++;
        }

        return (records, null);
    }

    private static string EntriesRefusal(int count) => $"records has {count} entries; 1 to {MaxRecords} are accepted per request.";

    private static (IngestRecord?, string?) ReadEntry(JsonElement entry, string dataName, string keyName, string at)
    {
        if (!entry.TryGetProperty(keyName, out var key) || key.ValueKind != JsonValueKind.String
            || key.GetString() is not { Length: >= 1 and <= 256 } partitionKey)
        {
            return (null, $"{at}{keyName} must be a string of 1 to 256 characters.");
        }

        if (!entry.TryGetProperty(dataName, out var data) || data.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return (null, $"{at}{dataName} is missing: it must hold the row.");
        }

        byte[] bytes;
        switch (data.ValueKind)
        {
            case JsonValueKind.Object or JsonValueKind.Array:
                bytes = JsonMarshal.GetRawUtf8Value(data).ToArray();
                break;
            case JsonValueKind.String when data.TryGetBytesFromBase64(out var decoded):
                bytes = decoded;
                break;
            default:
                return (null, $"{at}{dataName} must be the row as a JSON object, or a base64 string of its JSON.");
        }

        return bytes.Length > MaxDataBytes
            ? (null, $"{at}{dataName} has {bytes.Length} bytes; a record holds at most {MaxDataBytes} (1 MiB).")
            : (new IngestRecord(bytes, partitionKey), null);
    }
}
