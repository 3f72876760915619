using System.Text.Json;
using Pinterest.Modular.Application.Ingest;
using Pinterest.Modular.Application.Routing;
using Pinterest.Modular.Host.Api.Security;
using Pinterest.Modular.Infrastructure.Kinesis;
using Route = Pinterest.Modular.Application.Routing.Route;

namespace Pinterest.Modular.Host.Api.KinesisProxy;

/// <summary>
/// The API Gateway "Kinesis proxy" of spec §2.2: put one or several records, list, describe, create and delete
/// streams. Streams are the route table's stream destinations; the stream name comes from the path.
/// </summary>
public static class KinesisProxyEndpoints
{
    /// <summary>
    /// How DescribeStream finds its answer: from Kinesis itself when the stream route runs on it (its ARN, hash ranges
    /// and sequence numbers), otherwise from the transport's <see cref="IStreamCatalog"/>.
    /// </summary>
    public static IServiceCollection AddKinesisProxy(this IServiceCollection services)
    {
        services.AddSingleton<IStreamDescriptions>(sp => sp.GetService<IKinesisClient>() is { } kinesis
            ? new KinesisStreamDescriptions(kinesis)
            : new CatalogStreamDescriptions(sp.GetRequiredService<IStreamCatalog>()));
        return services;
    }

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
        streams.MapGet("/{stream}", DescribeStreamAsync);
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

    /// <summary>The pipeline's streams only, as their transport holds them (<see cref="IStreamDescriptions"/>).</summary>
    private static async Task<IResult> DescribeStreamAsync(string stream, RouteTable routes, IStreamDescriptions descriptions, HttpContext context)
    {
        if (!routes.TryResolve(Route.Stream, stream, out _))
        {
            return KinesisResults.StreamNotFound(stream);
        }

        StreamDescription? description;
        try
        {
            description = await descriptions.DescribeAsync(stream, context.RequestAborted);
        }
        catch (TransportUnavailableException ex)
        {
            return KinesisResults.Unavailable(ex.Message);
        }

        return description is null ? KinesisResults.StreamNotFound(stream) : KinesisResults.Json(w => WriteDescription(w, description));
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
            var (record, error) = PutRecordsRequest.ReadOne(document!.Root);
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
            var (records, error) = PutRecordsRequest.ReadMany(document!.Root);
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
    private static async Task<(RequestDocument? Document, IResult? Failure)> ReadBodyAsync(HttpContext context)
    {
        var contentType = context.Request.ContentType;
        if (contentType is not null && !contentType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, KinesisResults.Error(
                "UnsupportedMediaTypeException", $"Content-Type '{contentType}' is not accepted; send application/json.", StatusCodes.Status415UnsupportedMediaType));
        }

        var (document, problem) = await RequestJson.ReadAsync(context, PutRecordsRequest.EntriesLimit);
        return problem switch
        {
            null => (document, null),
            { Status: StatusCodes.Status422UnprocessableEntity } => (null, KinesisResults.Error("ValidationException", problem.Message)),
            _ => (null, KinesisResults.Error(problem.Status == StatusCodes.Status413PayloadTooLarge ? "ValidationException" : "SerializationException", problem.Message, problem.Status)),
        };
    }

    private static void WriteDescription(Utf8JsonWriter w, StreamDescription stream)
    {
        w.WriteStartObject();
        w.WriteStartObject("StreamDescription");
        w.WriteString("StreamName", stream.Name);
        w.WriteString("StreamARN", stream.Arn);
        w.WriteString("StreamStatus", stream.Status);
        w.WriteStartArray("Shards");
        foreach (var shard in stream.Shards)
        {
            w.WriteStartObject();
            w.WriteString("ShardId", shard.ShardId);
            WriteIfSet(w, "ParentShardId", shard.ParentShardId);
            WriteIfSet(w, "AdjacentParentShardId", shard.AdjacentParentShardId);
            w.WriteStartObject("HashKeyRange");
            w.WriteString("StartingHashKey", shard.StartingHashKey);
            w.WriteString("EndingHashKey", shard.EndingHashKey);
            w.WriteEndObject();
            w.WriteStartObject("SequenceNumberRange");
            w.WriteString("StartingSequenceNumber", shard.StartingSequenceNumber);
            WriteIfSet(w, "EndingSequenceNumber", shard.EndingSequenceNumber);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteBoolean("HasMoreShards", false);
        w.WriteNumber("RetentionPeriodHours", stream.RetentionPeriodHours);
        w.WriteString("EncryptionType", "NONE");
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteIfSet(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }
}
