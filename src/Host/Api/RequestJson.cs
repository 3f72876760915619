using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http.Features;

namespace Pinterest.Modular.Host.Api;

/// <summary>Why a request body could not be read as JSON: malformed (400), over the size limit (413) or over a records limit (422).</summary>
public sealed record BodyProblem(int Status, string Message);

/// <summary>
/// The most items the body's top-level <c>records</c> (or <c>Records</c>) array may hold, and the refusal for a count
/// beyond it. Checked by a reader pass before the document is built: a document of 400,000 records costs tens of
/// megabytes of token metadata that a refusal should not.
/// </summary>
public sealed record RecordsLimit(int Max, Func<int, string> Refusal);

/// <summary>Reads a request body as one JSON document, turning what can go wrong into a <see cref="BodyProblem"/>.</summary>
public static class RequestJson
{
    /// <summary>The most a Content-Length is trusted for the first buffer; a longer body grows it as it arrives.</summary>
    private const int MaxInitialBuffer = 1 << 20;

    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 64 };

    public static async Task<(RequestDocument? Document, BodyProblem? Problem)> ReadAsync(HttpContext context, RecordsLimit? records = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        byte[]? buffer = null;
        try
        {
            (buffer, var length) = await ReadBodyAsync(context);
            var body = buffer.AsMemory(0, length);
            if (body.Span.StartsWith(Encoding.UTF8.Preamble))
            {
                body = body[Encoding.UTF8.Preamble.Length..]; // as the stream parser would skip it
            }

            // The JSON reader checks UTF-8 only when a string is decoded: invalid bytes inside a value would be stored,
            // and inside a key or name they fail later as a server error. JSON text is UTF-8 (RFC 8259 §8.1).
            if (!Utf8.IsValid(body.Span))
            {
                return (null, new BodyProblem(
                    StatusCodes.Status400BadRequest,
                    string.Create(CultureInfo.InvariantCulture, $"The body is not valid UTF-8: an invalid byte sequence at byte {FirstInvalidByte(body.Span)}.")));
            }

            if (records is not null && CountRecords(body.Span) is { } count && count > records.Max)
            {
                return (null, new BodyProblem(StatusCodes.Status422UnprocessableEntity, records.Refusal(count)));
            }

            var document = new RequestDocument(JsonDocument.Parse(body, Options), buffer);
            buffer = null; // the document owns it now
            return (document, null);
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
        finally
        {
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    /// <summary>The whole body (the server's size limit bounds it) in a pooled buffer, and its length.</summary>
    private static async Task<(byte[] Buffer, int Length)> ReadBodyAsync(HttpContext context)
    {
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Clamp(context.Request.ContentLength ?? 0, 4096, MaxInitialBuffer));
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await context.Request.Body.ReadAsync(buffer.AsMemory(length), context.RequestAborted);
                if (read == 0)
                {
                    return (buffer, length);
                }

                length += read;
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    /// <summary>
    /// The items of the top-level object's <c>records</c> array (the largest, if named more than once), read without
    /// building anything; null when the body has no such array or is not valid JSON (the parse then says why).
    /// </summary>
    private static int? CountRecords(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = Options.MaxDepth });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            // Every such array is counted, the largest wins: a body may name "records" twice, and readers differ on which counts.
            int? largest = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isRecords = reader.ValueTextEquals("records"u8) || reader.ValueTextEquals("Records"u8);
                reader.Read();
                if (!isRecords || reader.TokenType != JsonTokenType.StartArray)
                {
                    reader.Skip();
                    continue;
                }

                var count = 0;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    reader.Skip();
                    count++;
                }

                largest = Math.Max(largest ?? 0, count);
            }

            return largest;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static int FirstInvalidByte(ReadOnlySpan<byte> body)
    {
        var at = 0;
        while (at < body.Length && System.Text.Rune.DecodeFromUtf8(body[at..], out _, out var consumed) == OperationStatus.Done)
        {
            at += consumed;
        }

        return at;
    }
}
