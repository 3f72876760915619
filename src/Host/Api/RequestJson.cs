using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http.Features;

namespace Pinterest.Modular.Host.Api;

/// <summary>Why a request body could not be read as JSON: malformed (400) or over the size limit (413).</summary>
public sealed record BodyProblem(int Status, string Message);

/// <summary>Reads a request body as one JSON document, turning what can go wrong into a <see cref="BodyProblem"/>.</summary>
public static class RequestJson
{
    private const int MaxInitialBuffer = 1 << 20;

    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 64 };

    public static async Task<(JsonDocument? Document, BodyProblem? Problem)> ReadAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            var body = await ReadBodyAsync(context);

            // The JSON reader checks UTF-8 only when a string is decoded: invalid bytes inside a value would be stored,
            // and inside a key or name they fail later as a server error. JSON text is UTF-8 (RFC 8259 §8.1).
            if (!Utf8.IsValid(body.Span))
            {
                return (null, new BodyProblem(
                    StatusCodes.Status400BadRequest,
                    string.Create(CultureInfo.InvariantCulture, $"The body is not valid UTF-8: an invalid byte sequence at byte {FirstInvalidByte(body.Span)}.")));
            }

            return (JsonDocument.Parse(body, Options), null);
        }
        catch (JsonException ex)
        {
            return (null, new BodyProblem(StatusCodes.Status400BadRequest, $"The body is not valid JSON: {ex.Message}"));
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            var limit = context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
            return (null, new BodyProblem(StatusCodes.Status413PayloadTooLarge, $"Request body too large: at most {limit} bytes are accepted."));
        }
    }

    /// <summary>The whole body (the server's size limit bounds it), without a leading byte order mark, as the stream parser skipped it.</summary>
    private static async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpContext context)
    {
        // A MemoryStream holds no resource: its array outlives Dispose, and the document parses it in place.
        using var buffer = new MemoryStream((int)Math.Min(context.Request.ContentLength ?? 0, MaxInitialBuffer));
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var body = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        return body.Span.StartsWith(Encoding.UTF8.Preamble) ? body[Encoding.UTF8.Preamble.Length..] : body;
    }

    private static int FirstInvalidByte(ReadOnlySpan<byte> body)
    {
        var at = 0;
        while (at < body.Length && System.Text.Rune.DecodeFromUtf8(body[at..], out _, out var consumed) == System.Buffers.OperationStatus.Done)
        {
            at += consumed;
        }

        return at;
    }
}
