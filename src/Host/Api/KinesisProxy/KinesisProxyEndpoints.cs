using System.Text.Json;
using Pinterest.Modular.Application.Ingest;
using Pinterest.Modular.Application.Routing;
using Pinterest.Modular.Host.Api.Security;
using Route = Pinterest.Modular.Application.Routing.Route;

namespace Pinterest.Modular.Host.Api.KinesisProxy;

/// <summary>
/// The API Gateway "Kinesis proxy" of spec §2.2: put one or several records, list, describe, create and delete
/// streams. Streams are the route table's stream destinations; the stream name comes from the path.
/// </summary>
public static class KinesisProxyEndpoints
{
    private const string AccountArn = "arn:aws:kinesis:local:000000000000:stream/";
    private const string MaxHashKey = "340282366920938463463374607431768211455";

    public static IEndpointRouteBuilder MapKinesisProxy(this IEndpointRouteBuilder app)
    {
        var streams = app.MapGroup("/streams").WithTags("API Gateway Kinesis proxy").WithMetadata(ReadsOwnBody.Instance);
        streams.MapGet("/", (RouteTable routes) => KinesisResults.Json(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("StreamNames");
            foreach (var stream in routes.Streams)
            {
                w.WriteStringValue(stream.Name);
            }

            w.WriteEndArray();
            w.WriteBoolean("HasMoreStreams", false);
            w.WriteEndObject();
        }));
        streams.MapGet("/{stream}", (string stream, RouteTable routes) =>
            routes.TryResolve(Route.Stream, stream, out _) ? KinesisResults.Json(w => WriteDescription(w, stream)) : KinesisResults.StreamNotFound(stream));
        streams.MapPost("/{stream}", (string stream, RouteTable routes) => routes.TryResolve(Route.Stream, stream, out _)
            ? KinesisResults.Error("ResourceInUseException", $"Stream {stream} already exists.")
            : KinesisResults.Error(
                "InvalidArgumentException",
                $"Stream {stream} is not one of the pipeline's: {string.Join(", ", routes.Streams.Select(s => s.Name))} (Pipeline:TopicPrefix, Pipeline:Routes)."));
        streams.MapDelete("/{stream}", (string stream, RouteTable routes) => routes.TryResolve(Route.Stream, stream, out var destination)
            ? KinesisResults.Error("ResourceInUseException", $"Stream {stream} is a route of the pipeline; close it with Pipeline:Routes:{destination.Kind.ToString().ToLowerInvariant()}.")
            : KinesisResults.StreamNotFound(stream));
        streams.MapPut("/{stream}/record", PutRecordAsync);
        streams.MapPut("/{stream}/records", PutRecordsAsync);
        return app;
    }

    private static async Task<IResult> PutRecordAsync(string stream, HttpContext context, IngestSender ingest)
    {
        var (document, failure) = await ReadBodyAsync(context);
        if (failure is not null)
        {
            return failure;
        }

        using (document)
        {
            var (record, error) = PutRecordsRequest.ReadOne(document!.RootElement);
            if (error is not null)
            {
                return KinesisResults.Error("ValidationException", error);
            }

            var result = await ingest.SendAsync(Route.Stream, stream, [record!], context.RequestAborted);
            return KinesisResults.Failure(result, stream, oneRecord: true) ?? KinesisResults.Json(w =>
            {
                w.WriteStartObject();
                w.WriteString("SequenceNumber", result.Acks[0].SequenceNumber);
                w.WriteString("ShardId", KinesisResults.ShardId(result.Acks[0].Partition));
                w.WriteEndObject();
            });
        }
    }

    private static async Task<IResult> PutRecordsAsync(string stream, HttpContext context, IngestSender ingest)
    {
        var (document, failure) = await ReadBodyAsync(context);
        if (failure is not null)
        {
            return failure;
        }

        using (document)
        {
            var (records, error) = PutRecordsRequest.ReadMany(document!.RootElement);
            if (error is not null)
            {
                return KinesisResults.Error("ValidationException", error);
            }

            var result = await ingest.SendAsync(Route.Stream, stream, records!, context.RequestAborted);
            return KinesisResults.Failure(result, stream, oneRecord: false) ?? KinesisResults.Json(w =>
            {
                w.WriteStartObject();
                w.WriteNumber("FailedRecordCount", 0);
                w.WriteStartArray("Records");
                foreach (var ack in result.Acks)
                {
                    w.WriteStartObject();
                    w.WriteString("SequenceNumber", ack.SequenceNumber);
                    w.WriteString("ShardId", KinesisResults.ShardId(ack.Partition));
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            });
        }
    }

    /// <summary>The body as JSON, or the Kinesis-style error that says why it is not.</summary>
    private static async Task<(JsonDocument? Document, IResult? Failure)> ReadBodyAsync(HttpContext context)
    {
        var contentType = context.Request.ContentType;
        if (contentType is not null && !contentType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, KinesisResults.Error(
                "UnsupportedMediaTypeException", $"Content-Type '{contentType}' is not accepted; send application/json.", StatusCodes.Status415UnsupportedMediaType));
        }

        var (document, problem) = await RequestJson.ReadAsync(context);
        return problem is null
            ? (document, null)
            : (null, KinesisResults.Error(problem.Status == StatusCodes.Status413PayloadTooLarge ? "ValidationException" : "SerializationException", problem.Message, problem.Status));
    }

    private static void WriteDescription(Utf8JsonWriter w, string stream)
    {
        w.WriteStartObject();
        w.WriteStartObject("StreamDescription");
        w.WriteString("StreamName", stream);
        w.WriteString("StreamARN", AccountArn + stream);
        w.WriteString("StreamStatus", "ACTIVE");
        w.WriteStartArray("Shards");
        w.WriteStartObject();
        w.WriteString("ShardId", KinesisResults.ShardId(0));
        w.WriteStartObject("HashKeyRange");
        w.WriteString("StartingHashKey", "0");
        w.WriteString("EndingHashKey", MaxHashKey);
        w.WriteEndObject();
        w.WriteStartObject("SequenceNumberRange");
        w.WriteString("StartingSequenceNumber", "0");
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteBoolean("HasMoreShards", false);
        w.WriteNumber("RetentionPeriodHours", 24);
        w.WriteString("EncryptionType", "NONE");
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
