using System.Net;

namespace Pinterest.Modular.Tests.Integration.Api;

/// <summary>What each ingest API's dialect must look like: status, content type and the exact body shape.</summary>
internal static class IngestAnswers
{
    public const string KafkaV2 = "application/vnd.kafka.v2+json";
    public const string KinesisJson = "application/json";

    public static void ShouldBeOk(this HttpExchange answer, string mediaType, string body)
    {
        answer.Status.Should().Be(HttpStatusCode.OK, answer.ToString());
        answer.MediaType.Should().Be(mediaType);
        answer.Body.Should().Be(body);
    }

    /// <summary><c>{"error_code":code,"message":"..."}</c> whose message names every one of <paramref name="mentions"/>.</summary>
    public static void ShouldBeRestProxyError(this HttpExchange answer, HttpStatusCode status, int code, params string[] mentions)
    {
        answer.Status.Should().Be(status, answer.ToString());
        answer.MediaType.Should().Be(KafkaV2);
        answer.PropertyNames().Should().Equal("error_code", "message");
        answer.IntProperty("error_code").Should().Be(code);
        var message = answer.StringProperty("message");
        foreach (var mention in mentions)
        {
            message.Should().Contain(mention);
        }
    }

    /// <summary><c>{"__type":type,"message":"..."}</c> whose message names every one of <paramref name="mentions"/>.</summary>
    public static void ShouldBeKinesisError(this HttpExchange answer, string type, params string[] mentions) =>
        answer.ShouldBeKinesisError(HttpStatusCode.BadRequest, type, mentions);

    public static void ShouldBeKinesisError(this HttpExchange answer, HttpStatusCode status, string type, params string[] mentions)
    {
        answer.Status.Should().Be(status, answer.ToString());
        answer.MediaType.Should().Be(KinesisJson);
        answer.PropertyNames().Should().Equal("__type", "message");
        answer.StringProperty("__type").Should().Be(type);
        var message = answer.StringProperty("message");
        foreach (var mention in mentions)
        {
            message.Should().Contain(mention);
        }
    }
}
