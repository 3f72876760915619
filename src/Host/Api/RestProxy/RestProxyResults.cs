using System.Text.Json;
using Pinterest.Modular.Application.Ingest;

namespace Pinterest.Modular.Host.Api.RestProxy;

/// <summary>
/// The Kafka REST proxy v2 dialect: bodies in <c>application/vnd.kafka.v2+json</c>; errors as
/// <c>{"error_code":NNNNN,"message":"..."}</c> with code = HTTP status × 100 + subcode (kafka-rest's Errors.java).
/// </summary>
public static class RestProxyResults
{
    public const string ContentType = "application/vnd.kafka.v2+json";

    public const int MalformedJson = 40001;
    public const int TopicNotFound = 40401;
    public const int PartitionNotFound = 40402;
    public const int UnsupportedMediaType = 415;
    public const int RequestTooLarge = 413;
    public const int InvalidRecords = 42201;
    public const int BrokerUnavailable = 50003;
    public const int KafkaError = 50002;
    public const int KafkaAuthenticationFailed = 40101;
    public const int KafkaAuthorizationFailed = 40301;

    public static IResult Error(int status, int code, string message, TimeSpan? retryAfter = null) =>
        new JsonWriterResult(status, ContentType, w =>
        {
            w.WriteStartObject();
            w.WriteNumber("error_code", code);
            w.WriteString("message", message);
            w.WriteEndObject();
        }, retryAfter);

    /// <summary><c>{"offsets":[{"partition":0,"offset":N,"error_code":null,"error":null}],"key_schema_id":null,"value_schema_id":null}</c>.</summary>
    public static IResult Offsets(IReadOnlyList<RecordAck> acks) =>
        new JsonWriterResult(StatusCodes.Status200OK, ContentType, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("offsets");
            foreach (var ack in acks)
            {
                w.WriteStartObject();
                w.WriteNumber("partition", ack.Partition);
                w.WriteNumber("offset", ack.Offset);
                w.WriteNull("error_code");
                w.WriteNull("error");
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteNull("key_schema_id");
            w.WriteNull("value_schema_id");
            w.WriteEndObject();
        });

    public static IResult Json(Action<Utf8JsonWriter> write) => new JsonWriterResult(StatusCodes.Status200OK, ContentType, write);

    /// <summary>Maps what ingest answered onto the REST proxy's status and error codes.</summary>
    public static IResult From(IngestResult result, string topic)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Status switch
        {
            IngestStatus.Accepted => Offsets(result.Acks),
            IngestStatus.Invalid => Error(StatusCodes.Status422UnprocessableEntity, InvalidRecords, result.Message ?? "Invalid records."),
            IngestStatus.DestinationNotFound => Error(StatusCodes.Status404NotFound, TopicNotFound, $"Topic {PathNames.Quote(topic)} not found."),
            IngestStatus.PartitionNotFound => Error(StatusCodes.Status404NotFound, PartitionNotFound, result.Message ?? "Partition not found."),
            IngestStatus.TransportNotAuthenticated => Error(StatusCodes.Status401Unauthorized, KafkaAuthenticationFailed, result.Message ?? "Kafka authentication failed."),
            IngestStatus.TransportNotAuthorized => Error(StatusCodes.Status403Forbidden, KafkaAuthorizationFailed, result.Message ?? "Kafka authorization failed."),
            IngestStatus.TransportRejected => Error(StatusCodes.Status500InternalServerError, KafkaError, result.Message ?? "Kafka error."),
            _ => Error(StatusCodes.Status503ServiceUnavailable, BrokerUnavailable, result.Message ?? "Broker unavailable.", TimeSpan.FromSeconds(5)),
        };
    }
}
