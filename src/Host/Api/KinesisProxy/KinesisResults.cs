using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Pinterest.Modular.Application.Ingest;

namespace Pinterest.Modular.Host.Api.KinesisProxy;

/// <summary>
/// The Kinesis dialect behind API Gateway's Kinesis proxy: the service's JSON passed through, errors as
/// <c>{"__type":"ResourceNotFoundException","message":"..."}</c> with 400 (spec §2.2).
/// </summary>
public static partial class KinesisResults
{
    public const string ContentType = "application/json";
    public const string ShardPrefix = "shardId-";

    public static string ShardId(int shard) => ShardPrefix + shard.ToString("D12", CultureInfo.InvariantCulture);

    public static IResult Error(string type, string message, int status = StatusCodes.Status400BadRequest, TimeSpan? retryAfter = null) =>
        new JsonWriterResult(status, ContentType, w =>
        {
            w.WriteStartObject();
            w.WriteString("__type", type);
            w.WriteString("message", message);
            w.WriteEndObject();
        }, retryAfter);

    public static IResult Json(Action<Utf8JsonWriter> write) => new JsonWriterResult(StatusCodes.Status200OK, ContentType, write);

    public static IResult StreamNotFound(string stream) => Error("ResourceNotFoundException", $"Stream {PathNames.Quote(stream)} not found.");

    /// <summary>
    /// A failed ingest in Kinesis terms, or null when it was accepted. <paramref name="oneRecord"/>: the answer to
    /// PutRecord, whose row is <c>Data</c>, rather than PutRecords, whose rows are <c>records[i].data</c>.
    /// </summary>
    public static IResult? Failure(IngestResult result, string stream, bool oneRecord)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Status switch
        {
            IngestStatus.Accepted => null,
            IngestStatus.DestinationNotFound => StreamNotFound(stream),
            IngestStatus.Invalid => Error("ValidationException", InvalidMessage(result, oneRecord)),
            IngestStatus.PartitionNotFound => Error("ValidationException", result.Message ?? "Invalid records."),
            _ => Unavailable(result.Message ?? "The stream is unavailable."),
        };
    }

    /// <summary>The transport behind the stream cannot be reached: 503 with a hint to retry, never a hang.</summary>
    public static IResult Unavailable(string message) =>
        Error("ServiceUnavailableException", message, StatusCodes.Status503ServiceUnavailable, TimeSpan.FromSeconds(5));

    /// <summary>
    /// Ingest names a bad row by the REST proxy's path (<c>records[i].value…</c>); a Kinesis client sent that row as
    /// <c>Data</c> or <c>records[i].data</c>, so the message names the field the client knows.
    /// </summary>
    private static string InvalidMessage(IngestResult result, bool oneRecord) =>
        result.Errors.Count == 0
            ? result.Message ?? "Invalid records."
            : string.Join(" ", result.Errors.Select(e => ValuePath().Replace(e.Message, m => oneRecord ? "Data" : $"records[{m.Groups[1].Value}].data", 1)));

    [GeneratedRegex(@"^records\[(\d+)\]\.value", RegexOptions.CultureInvariant)]
    private static partial Regex ValuePath();
}
