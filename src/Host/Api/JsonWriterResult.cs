using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Pinterest.Modular.Host.Api;

/// <summary>
/// A response written straight to the body with a <see cref="Utf8JsonWriter"/>: each dialect (REST proxy, Kinesis) spells
/// its bodies exactly, with no serializer settings in between. Unicode stays readable; a retryable failure says when.
/// </summary>
public sealed class JsonWriterResult(int status, string contentType, Action<Utf8JsonWriter> write, TimeSpan? retryAfter = null) : IResult
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = status;
        response.ContentType = contentType;
        if (retryAfter is { } after)
        {
            response.Headers.RetryAfter = ((int)after.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        }

        await using (var writer = new Utf8JsonWriter(response.BodyWriter, WriterOptions))
        {
            write(writer);
        }

        await response.BodyWriter.FlushAsync(httpContext.RequestAborted);
    }
}
