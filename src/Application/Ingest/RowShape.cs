using System.Text.Json;
using Pinterest.Modular.Application.Cleaning;
using Pinterest.Modular.Domain.Common;

namespace Pinterest.Modular.Application.Ingest;

/// <summary>
/// The structural check of a record value at ingest: a row object, or a non-empty array of row objects
/// (spec §2.1), each with an integer key (<c>index</c> for pins, <c>ind</c> otherwise). Reads the JSON once,
/// without building a document.
/// </summary>
public static class RowShape
{
    public static (string Path, string Message)? Check(RecordKind kind, ReadOnlySpan<byte> json)
    {
        // The reader throws on input without a token, so an empty value is caught here to say so plainly.
        if (json.Trim(" \t\r\n"u8).IsEmpty)
        {
            return ("value", "value is empty.");
        }

        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64 });
        try
        {
            reader.Read();

            (string, string)? error;
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                error = CheckRow(kind, ref reader, "value");
            }
            else if (reader.TokenType == JsonTokenType.StartArray)
            {
                error = CheckRows(kind, ref reader);
            }
            else
            {
                return ("value", $"value must be a JSON object (a {kind.Name()} row) or an array of row objects, not {RawRowReader.Describe(reader.TokenType)}.");
            }

            if (error is not null)
            {
                return error;
            }

            return reader.Read() ? ("value", "value has more JSON after its end.") : null;
        }
        catch (JsonException ex)
        {
            return ("value", $"value is not valid JSON: {ex.Message}");
        }
    }

    private static (string, string)? CheckRows(RecordKind kind, ref Utf8JsonReader reader)
    {
        var index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var path = $"value[{index}]";
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return (path, $"{path} must be a JSON object (a {kind.Name()} row), not {RawRowReader.Describe(reader.TokenType)}.");
            }

            var error = CheckRow(kind, ref reader, path);
            if (error is not null)
            {
                return error;
            }

            index++;
        }

        return index == 0 ? ("value", "value is an empty array; it must hold at least one row.") : null;
    }

    /// <summary>Reads one object (the reader is on its StartObject) and checks its key; leaves the reader on EndObject.</summary>
    private static (string, string)? CheckRow(RecordKind kind, ref Utf8JsonReader reader, string path)
    {
        var keyName = kind == RecordKind.Pin ? "index"u8 : "ind"u8;
        var depth = reader.CurrentDepth;
        var keyFound = false;
        while (reader.Read() && !(reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == depth))
        {
            if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != depth + 1)
            {
                continue;
            }

            var isKey = reader.ValueTextEquals(keyName);
            reader.Read();
            if (!isKey)
            {
                reader.Skip();
                continue;
            }

            keyFound = true;

            // A plain integer (the usual case) is read in place; anything else is decoded to say what it is.
            if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out _))
            {
                continue;
            }

            var text = reader.TokenType switch
            {
                JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
                JsonTokenType.String => reader.GetString(),
                _ => null,
            };
            var keyPath = $"{path}.{kind.KeyField()}";
            if (text is null)
            {
                return (keyPath, $"{keyPath} must be an integer, not {RawRowReader.Describe(reader.TokenType)}.");
            }

            if (!WireValues.TryParseInt64(text, out _))
            {
                return (keyPath, $"{keyPath} must be an integer, not '{Shorten(text)}'.");
            }
        }

        return keyFound ? null : ($"{path}.{kind.KeyField()}", $"{path}.{kind.KeyField()} is missing: every {kind.Name()} row needs its key.");
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "…");
}
