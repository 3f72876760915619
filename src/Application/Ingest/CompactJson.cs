using System.Text.Json;

namespace Pinterest.Modular.Application.Ingest;

/// <summary>
/// A record value travels as one line (the landing zone holds one JSON value per line, as the REST proxy's serializer
/// and the S3 sink write them), so a value sent with line breaks between its tokens is rewritten compactly.
/// JSON strings cannot hold a raw line break, so any there is whitespace between tokens.
/// </summary>
public static class CompactJson
{
    public static ReadOnlyMemory<byte> OneLine(ReadOnlyMemory<byte> json)
    {
        if (json.Span.IndexOfAny((byte)'\n', (byte)'\r') < 0)
        {
            return json;
        }

        using var document = JsonDocument.Parse(json);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(json.Length);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            document.RootElement.WriteTo(writer);
        }

        return buffer.WrittenMemory;
    }
}
