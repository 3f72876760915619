using System.Text.Json;
using Microsoft.Extensions.Options;
using Pinterest.Modular.Application.Ingest;
using Pinterest.Modular.Application.Routing;
using Pinterest.Modular.Host.Api.Security;
using Route = Pinterest.Modular.Application.Routing.Route;

namespace Pinterest.Modular.Host.Api.RestProxy;

/// <summary>
/// Kafka REST proxy v2 (spec §2.1), as API Gateway's <c>{proxy+}</c> integration forwarded it: produce to a topic or a
/// partition, list and describe topics. Topics are the route table's batch destinations.
/// </summary>
public static class RestProxyEndpoints
{
    public static IEndpointRouteBuilder MapRestProxy(this IEndpointRouteBuilder app)
    {
        var topics = app.MapGroup("/topics").WithTags("Kafka REST proxy v2").WithMetadata(ReadsOwnBody.Instance);
        topics.MapPost("/{topic}", (string topic, HttpContext context, IngestSender ingest, IOptions<IngestOptions> limits) =>
            ProduceAsync(topic, null, context, ingest, limits.Value));
        topics.MapPost("/{topic}/partitions/{partition:int}", (string topic, int partition, HttpContext context, IngestSender ingest, IOptions<IngestOptions> limits) =>
            ProduceAsync(topic, partition, context, ingest, limits.Value));
        topics.MapGet("/", (RouteTable routes) => RestProxyResults.Json(w =>
        {
            w.WriteStartArray();
            foreach (var topic in routes.Topics)
            {
                w.WriteStringValue(topic.Name);
            }

            w.WriteEndArray();
        }));
        topics.MapGet("/{topic}", (string topic, RouteTable routes, ITopicWriter writer) =>
            routes.TryResolve(Route.Batch, topic, out _)
                ? RestProxyResults.Json(w => WriteTopic(w, topic, writer.PartitionCount(topic)))
                : RestProxyResults.Error(StatusCodes.Status404NotFound, RestProxyResults.TopicNotFound, $"Topic {PathNames.Quote(topic)} not found."));
        return app;
    }

    private static async Task<IResult> ProduceAsync(string topic, int? partition, HttpContext context, IngestSender ingest, IngestOptions limits)
    {
        var format = ProduceRequest.FormatOf(context.Request.ContentType);
        if (format == ProduceRequest.EmbeddedFormat.Unsupported)
        {
            return RestProxyResults.Error(
                StatusCodes.Status415UnsupportedMediaType, RestProxyResults.UnsupportedMediaType,
                $"HTTP 415 Unsupported Media Type: '{context.Request.ContentType}'; send application/vnd.kafka.json.v2+json.");
        }

        var max = limits.MaxRecordsPerRequest;
        var (document, problem) = await RequestJson.ReadAsync(context, new RecordsLimit(max, count => IngestLimits.TooManyRecords(count, max)));
        if (problem is not null)
        {
            return RestProxyResults.Error(problem.Status, problem.Status switch
            {
                StatusCodes.Status413PayloadTooLarge => RestProxyResults.RequestTooLarge,
                StatusCodes.Status422UnprocessableEntity => RestProxyResults.InvalidRecords,
                _ => RestProxyResults.MalformedJson,
            }, problem.Message);
        }

        using (document)
        {
            var (records, error) = ProduceRequest.Read(document!.Root, format, partition, limits.MaxRecordsPerRequest);
            if (error is not null)
            {
                return RestProxyResults.Error(StatusCodes.Status422UnprocessableEntity, RestProxyResults.InvalidRecords, error);
            }

            var result = await ingest.SendAsync(Route.Batch, topic, records!, context.RequestAborted);
            return RestProxyResults.From(result, topic);
        }
    }

    private static void WriteTopic(Utf8JsonWriter w, string topic, int partitions)
    {
        w.WriteStartObject();
        w.WriteString("name", topic);
        w.WriteStartObject("configs");
        w.WriteEndObject();
        w.WriteStartArray("partitions");
        for (var p = 0; p < partitions; p++)
        {
            w.WriteStartObject();
            w.WriteNumber("partition", p);
            w.WriteNumber("leader", 1);
            w.WriteStartArray("replicas");
            w.WriteStartObject();
            w.WriteNumber("broker", 1);
            w.WriteBoolean("leader", true);
            w.WriteBoolean("in_sync", true);
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }
}
