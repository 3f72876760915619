using System.Text;
using System.Text.Json;

namespace Pinterest.Modular.Application.Cleaning;

/// <summary>
/// Reads one JSON row object into the values of a kind's source fields (its description turns them into a raw
/// record), each field as the text of its wire value: a string as itself, a number as its literal, <c>true</c>/<c>false</c> as that word, null or missing as null. An object or array where a value is
/// expected fails with a reason naming the field. Unknown fields are ignored; of a repeated field the last one counts.
/// </summary>
public static class RawRowReader
{
    /// <summary>Fills <paramref name="values"/> by field; on a bad field keeps reading to the row's end so the reader stays in step.</summary>
    internal static bool TryReadValues(ref Utf8JsonReader reader, byte[][] names, string?[] values, out string? error)
    {
        error = null;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            error = $"row must be a JSON object, not {Describe(reader.TokenType)}";
            reader.Skip();
            return false;
        }

        var expected = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var slot = SlotOf(ref reader, names, expected);
            reader.Read();
            if (slot < 0)
            {
                reader.Skip();
                continue;
            }

            expected = slot + 1;

            switch (reader.TokenType)
            {
                case JsonTokenType.String:
                    values[slot] = reader.GetString();
                    break;
                case JsonTokenType.Number:
                    values[slot] = Encoding.UTF8.GetString(reader.ValueSpan);
                    break;
                case JsonTokenType.True:
                    values[slot] = "true";
                    break;
                case JsonTokenType.False:
                    values[slot] = "false";
                    break;
                case JsonTokenType.Null:
                    values[slot] = null;
                    break;
                default:
                    error ??= NotAScalar(names[slot], Describe(reader.TokenType));
                    reader.Skip();
                    break;
            }
        }

        return error is null;
    }

    internal static bool TryReadValues(JsonElement row, byte[][] names, string?[] values, out string? error)
    {
        error = null;
        if (row.ValueKind != JsonValueKind.Object)
        {
            error = $"row must be a JSON object, not {Describe(row.ValueKind)}";
            return false;
        }

        foreach (var property in row.EnumerateObject())
        {
            var slot = SlotOf(property, names);
            if (slot < 0)
            {
                continue;
            }

            var value = property.Value;
            switch (value.ValueKind)
            {
                case JsonValueKind.String:
                    values[slot] = value.GetString();
                    break;
                case JsonValueKind.Number:
                    values[slot] = value.GetRawText();
                    break;
                case JsonValueKind.True:
                    values[slot] = "true";
                    break;
                case JsonValueKind.False:
                    values[slot] = "false";
                    break;
                case JsonValueKind.Null:
                    values[slot] = null;
                    break;
                default:
                    error ??= NotAScalar(names[slot], Describe(value.ValueKind));
                    break;
            }
        }

        return error is null;
    }

    /// <summary>
    /// The field's slot, trying <paramref name="expected"/> (the slot after the last one found) first: rows almost always
    /// list their fields in the source's order, so one comparison usually finds it instead of a scan.
    /// </summary>
    private static int SlotOf(ref Utf8JsonReader reader, byte[][] names, int expected)
    {
        if (expected < names.Length && reader.ValueTextEquals(names[expected]))
        {
            return expected;
        }

        for (var i = 0; i < names.Length; i++)
        {
            if (reader.ValueTextEquals(names[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static int SlotOf(JsonProperty property, byte[][] names)
    {
        for (var i = 0; i < names.Length; i++)
        {
            if (property.NameEquals(names[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static string NotAScalar(byte[] name, string actual) =>
        $"{Encoding.UTF8.GetString(name)} must be a string or number, not {actual}";

    internal static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => kind.ToString(),
    };

    internal static byte[][] Utf8Names(IReadOnlyList<string> fields)
    {
        var names = new byte[fields.Count][];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = Encoding.UTF8.GetBytes(fields[i]);
        }

        return names;
    }
}
