using System.Text.Json;
using Pinterest.Modular.Application.Routing;
using Route = Pinterest.Modular.Application.Routing.Route;

namespace Pinterest.Modular.Host.Api.Client;

/// <summary>
/// The requests a client built for the AWS pipeline sends (spec §2.1, §2.2), with rows as the source database holds
/// them: a REST proxy produce for a topic, a Kinesis proxy PUT for a stream (<c>/record</c> for one row,
/// <c>/records</c> for several). Bodies are compact JSON, the rows embedded unchanged.
/// </summary>
public static class PipelineRequests
{
    public const string RestProxyContentType = "application/vnd.kafka.json.v2+json";
    public const string KinesisProxyContentType = "application/json";

    public static HttpRequestMessage Create(Uri api, Destination destination, IReadOnlyList<ReadOnlyMemory<byte>> rows, PartitionKeyMode partitionKeys)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            throw new ArgumentException("A request carries at least one row.", nameof(rows));
        }

        var name = Uri.EscapeDataString(destination.Name);
        return destination.Route switch
        {
            Route.Batch => Request(HttpMethod.Post, Under(api, $"topics/{name}"), RestProxyContentType, SizeOf(rows), w => WriteProduce(w, rows)),
            Route.Stream when rows.Count == 1 =>
                Request(HttpMethod.Put, Under(api, $"streams/{name}/record"), KinesisProxyContentType, SizeOf(rows), w => WritePutRecord(w, destination.Name, rows[0], PartitionKeys.For(partitionKeys, rows[0]))),
            Route.Stream => Request(HttpMethod.Put, Under(api, $"streams/{name}/records"), KinesisProxyContentType, SizeOf(rows), w => WritePutRecords(w, rows, partitionKeys)),
            _ => throw new ArgumentOutOfRangeException(nameof(destination), destination.Route, "Unknown route."),
        };
    }

    /// <summary>The path under the base URL, keeping the base's own path (an API Gateway stage) whether or not it ends in '/'.</summary>
    public static Uri Under(Uri api, string relative)
    {
        ArgumentNullException.ThrowIfNull(api);
        var root = api.AbsoluteUri.EndsWith('/') ? api : new Uri(api.AbsoluteUri + "/");
        return new Uri(root, relative);
    }

    /// <summary><c>{"records":[{"value":row},...]}</c>.</summary>
    private static void WriteProduce(Utf8JsonWriter w, IReadOnlyList<ReadOnlyMemory<byte>> rows)
    {
        w.WriteStartObject();
        w.WriteStartArray("records");
        foreach (var row in rows)
        {
            w.WriteStartObject();
            w.WritePropertyName("value");
            w.WriteRawValue(row.Span, skipInputValidation: true);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary><c>{"StreamName":"...","Data":row,"PartitionKey":"..."}</c>.</summary>
    private static void WritePutRecord(Utf8JsonWriter w, string stream, ReadOnlyMemory<byte> row, string partitionKey)
    {
        w.WriteStartObject();
        w.WriteString("StreamName", stream);
        w.WritePropertyName("Data");
        w.WriteRawValue(row.Span, skipInputValidation: true);
        w.WriteString("PartitionKey", partitionKey);
        w.WriteEndObject();
    }

    /// <summary><c>{"records":[{"data":row,"partition-key":"..."},...]}</c>, the tutorial's PutRecords body.</summary>
    private static void WritePutRecords(Utf8JsonWriter w, IReadOnlyList<ReadOnlyMemory<byte>> rows, PartitionKeyMode partitionKeys)
    {
        w.WriteStartObject();
        w.WriteStartArray("records");
        foreach (var row in rows)
        {
            w.WriteStartObject();
            w.WritePropertyName("data");
            w.WriteRawValue(row.Span, skipInputValidation: true);
            w.WriteString("partition-key", PartitionKeys.For(partitionKeys, row));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static HttpRequestMessage Request(HttpMethod method, Uri uri, string contentType, int sizeHint, Action<Utf8JsonWriter> write) =>
        new(method, uri) { Content = new PooledJsonContent(contentType, write, sizeHint) };

    /// <summary>The rows' bytes and a little for each record's wrapping: the body's size, so its buffer is rented once.</summary>
    private static int SizeOf(IReadOnlyList<ReadOnlyMemory<byte>> rows)
    {
        var size = 64;
        foreach (var row in rows)
        {
            size += row.Length + 64;
        }

        return size;
    }
}
