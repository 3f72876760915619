using System.Text.Json;
using Pinterest.Modular.Application.Cleaning;
using Pinterest.Modular.Domain.Common;

namespace Pinterest.Modular.Application.Ingest;

/// <summary>
/// The structural check of a record value at ingest: a row object, or a non-empty array of row objects
/// (spec §2.1), each with an integer key (the kind's key field: <c>index</c> for pins, <c>ind</c> otherwise) and no name twice (JSON readers
/// disagree on which of two equal names wins). Reads the JSON once, without building a document.
/// </summary>
public static class RowShape
{
    public static (string Path, string Message)? Check(RecordKind kind, ReadOnlySpan<byte> json) => Check(kind, json, out _);

    /// <param name="rows">How many rows the value holds (1 for a row object), when it is well formed.</param>
    public static (string Path, string Message)? Check(RecordKind kind, ReadOnlySpan<byte> json, out int rows)
    {
        rows = 0;
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
            var names = new RowNames();
            var count = 1;
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                error = CheckRow(kind, ref reader, "value", names);
            }
            else if (reader.TokenType == JsonTokenType.StartArray)
            {
                error = CheckRows(kind, ref reader, names, out count);
            }
            else
            {
                return ("value", $"value must be a JSON object (a {kind.Name} row) or an array of row objects, not {RawRowReader.Describe(reader.TokenType)}.");
            }

            if (error is not null)
            {
                return error;
            }

            if (reader.Read())
            {
                return ("value", "value has more JSON after its end.");
            }

            rows = count;
            return null;
        }
        catch (JsonException ex)
        {
            return ("value", $"value is not valid JSON: {ex.Message}");
        }
    }

    private static (string, string)? CheckRows(RecordKind kind, ref Utf8JsonReader reader, RowNames names, out int index)
    {
        index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var path = $"value[{index}]";
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return (path, $"{path} must be a JSON object (a {kind.Name} row), not {RawRowReader.Describe(reader.TokenType)}.");
            }

            var error = CheckRow(kind, ref reader, path, names);
            if (error is not null)
            {
                return error;
            }

            index++;
        }

        return index == 0 ? ("value", "value is an empty array; it must hold at least one row.") : null;
    }

    /// <summary>
    /// Reads one object (the reader is on its StartObject) and checks its key and that no name comes twice; leaves the
    /// reader on EndObject.
    /// </summary>
    private static (string, string)? CheckRow(RecordKind kind, ref Utf8JsonReader reader, string path, RowNames names)
    {
        var keyName = kind.KeyFieldUtf8.Span;
        var depth = reader.CurrentDepth;
        var keyFound = false;
        names.Clear();
        while (reader.Read() && !(reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == depth))
        {
            if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != depth + 1)
            {
                continue;
            }

            if (!names.Add(ref reader))
            {
                var name = Shorten(reader.GetString() ?? string.Empty);
                return ($"{path}.{name}", $"{path} has the name '{name}' twice; each name may appear once in a row.");
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
            var keyPath = $"{path}.{kind.KeyField}";
            if (text is null)
            {
                return (keyPath, $"{keyPath} must be an integer, not {RawRowReader.Describe(reader.TokenType)}.");
            }

            if (!WireValues.TryParseInt64(text, out _))
            {
                return (keyPath, $"{keyPath} must be an integer, not '{Shorten(text)}'.");
            }
        }

        return keyFound ? null : ($"{path}.{kind.KeyField}", $"{path}.{kind.KeyField} is missing: every {kind.Name} row needs its key.");
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "…");
}
