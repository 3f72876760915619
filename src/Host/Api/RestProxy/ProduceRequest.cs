using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.Net.Http.Headers;
using Pinterest.Modular.Application.Ingest;

namespace Pinterest.Modular.Host.Api.RestProxy;

/// <summary>
/// A v2 produce body, <c>{"records":[{"value":{...},"key":...,"partition":n}]}</c>, read into ingest records. The embedded
/// format comes from the content type: <c>json</c> (and plain <c>application/json</c>) embeds the value as JSON;
/// <c>binary</c> carries it as base64.
/// </summary>
public static class ProduceRequest
{
    private static readonly string[] JsonTypes = ["application/vnd.kafka.json.v2+json", "application/json"];
    private const string BinaryType = "application/vnd.kafka.binary.v2+json";

    public enum EmbeddedFormat
    {
        Unsupported,
        Json,
        Binary,
    }

    public static EmbeddedFormat FormatOf(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var parsed))
        {
            return EmbeddedFormat.Unsupported;
        }

        var mediaType = parsed.MediaType.Value ?? string.Empty;
        foreach (var type in JsonTypes)
        {
            if (string.Equals(type, mediaType, StringComparison.OrdinalIgnoreCase))
            {
                return EmbeddedFormat.Json;
            }
        }

        return string.Equals(BinaryType, mediaType, StringComparison.OrdinalIgnoreCase) ? EmbeddedFormat.Binary : EmbeddedFormat.Unsupported;
    }

    /// <summary>
    /// The records, or what is wrong with the body and where (<c>records[3].value</c>). More than
    /// <paramref name="maxRecords"/> is refused before any record is read.
    /// </summary>
    public static (List<IngestRecord>? Records, string? Error) Read(JsonElement body, EmbeddedFormat format, int? partition, int maxRecords)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return (null, "The body must be a JSON object with a \"records\" array.");
        }

        if (!body.TryGetProperty("records", out var records) || records.ValueKind != JsonValueKind.Array)
        {
            return (null, "records: the body must hold a \"records\" array.");
        }

        if (records.GetArrayLength() == 0)
        {
            return (null, "records: must hold at least one record.");
        }

        if (records.GetArrayLength() > maxRecords)
        {
            return (null, IngestLimits.TooManyRecords(records.GetArrayLength(), maxRecords));
        }

        var result = new List<IngestRecord>(records.GetArrayLength());
        var index = 0;
        foreach (var record in records.EnumerateArray())
        {
            var (read, error) = ReadRecord(record, format, partition, index);
            if (error is not null)
            {
                return (null, error);
            }

            result.Add(read!);
            index++;
        }

        return (result, null);
    }

    private static (IngestRecord?, string?) ReadRecord(JsonElement record, EmbeddedFormat format, int? pathPartition, int index)
    {
        // The path is only spelled out for an error: a valid record (the usual case) costs no string.
        string At() => string.Create(CultureInfo.InvariantCulture, $"records[{index}]");
        if (record.ValueKind != JsonValueKind.Object)
        {
            return (null, $"{At()}: each record must be an object with a \"value\".");
        }

        if (!record.TryGetProperty("value", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return (null, $"{At()}.value is missing: each record needs the row as its value.");
        }

        byte[] bytes;
        if (format == EmbeddedFormat.Binary)
        {
            if (value.ValueKind != JsonValueKind.String || !value.TryGetBytesFromBase64(out var decoded))
            {
                return (null, $"{At()}.value is not a valid base64 string (binary embedded format).");
            }

            bytes = decoded;
        }
        else
        {
            bytes = JsonMarshal.GetRawUtf8Value(value).ToArray();
        }

        int? partition = pathPartition;
        if (record.TryGetProperty("partition", out var given) && given.ValueKind != JsonValueKind.Null)
        {
            if (pathPartition is not null)
            {
                return (null, $"{At()}.partition is not allowed when producing to one partition.");
            }

            if (given.ValueKind != JsonValueKind.Number || !given.TryGetInt32(out var p) || p < 0)
            {
                return (null, $"{At()}.partition must be a whole number from 0.");
            }

            partition = p;
        }

        string? key = null;
        if (record.TryGetProperty("key", out var keyElement) && keyElement.ValueKind != JsonValueKind.Null)
        {
            // The json format serializes the key as JSON text (a string key keeps its quotes), as kafka-rest does.
            key = keyElement.GetRawText();
        }

        return (new IngestRecord(bytes, key, partition), null);
    }
}
