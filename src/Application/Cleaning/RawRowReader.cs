using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using Pinterest.Modular.Domain.Common;
using Pinterest.Modular.Domain.Geo;
using Pinterest.Modular.Domain.Pins;
using Pinterest.Modular.Domain.Users;

namespace Pinterest.Modular.Application.Cleaning;

/// <summary>
/// Reads one JSON row object into a raw record, each field as the text of its wire value: a string as itself, a number
/// as its literal, <c>true</c>/<c>false</c> as that word, null or missing as null. An object or array where a value is
/// expected fails with a reason naming the field. Unknown fields are ignored; of a repeated field the last one counts.
/// </summary>
public static class RawRowReader
{
    /// <summary>The source columns of <c>pinterest_data</c> (spec §1), in the order of <see cref="RawPin"/>.</summary>
    public static IReadOnlyList<string> PinFields { get; } =
    [
        "index", "unique_id", "title", "description", "poster_name", "follower_count",
        "tag_list", "is_image_or_video", "image_src", "downloaded", "save_location", "category",
    ];

    /// <summary>The source columns of <c>geolocation_data</c>, in the order of <see cref="RawGeo"/>.</summary>
    public static IReadOnlyList<string> GeoFields { get; } = ["ind", "timestamp", "latitude", "longitude", "country"];

    /// <summary>The source columns of <c>user_data</c>, in the order of <see cref="RawUser"/>.</summary>
    public static IReadOnlyList<string> UserFields { get; } = ["ind", "first_name", "last_name", "age", "date_joined"];

    private static readonly byte[][] PinNames = Utf8Names(PinFields);
    private static readonly byte[][] GeoNames = Utf8Names(GeoFields);
    private static readonly byte[][] UserNames = Utf8Names(UserFields);

    public static IReadOnlyList<string> FieldsOf(RecordKind kind) => kind switch
    {
        RecordKind.Pin => PinFields,
        RecordKind.Geo => GeoFields,
        RecordKind.User => UserFields,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown record kind."),
    };

    /// <summary>Reads a pin from <paramref name="reader"/>, which must be on the row's <c>StartObject</c>; it ends on the matching <c>EndObject</c>.</summary>
    public static bool TryReadPin(ref Utf8JsonReader reader, [NotNullWhen(true)] out RawPin? pin, [NotNullWhen(false)] out string? error)
    {
        var values = new string?[PinNames.Length];
        pin = TryReadValues(ref reader, PinNames, values, out error) ? ToPin(values) : null;
        return pin is not null;
    }

    /// <inheritdoc cref="TryReadPin(ref Utf8JsonReader, out RawPin?, out string?)"/>
    public static bool TryReadGeo(ref Utf8JsonReader reader, [NotNullWhen(true)] out RawGeo? geo, [NotNullWhen(false)] out string? error)
    {
        var values = new string?[GeoNames.Length];
        geo = TryReadValues(ref reader, GeoNames, values, out error) ? ToGeo(values) : null;
        return geo is not null;
    }

    /// <inheritdoc cref="TryReadPin(ref Utf8JsonReader, out RawPin?, out string?)"/>
    public static bool TryReadUser(ref Utf8JsonReader reader, [NotNullWhen(true)] out RawUser? user, [NotNullWhen(false)] out string? error)
    {
        var values = new string?[UserNames.Length];
        user = TryReadValues(ref reader, UserNames, values, out error) ? ToUser(values) : null;
        return user is not null;
    }

    /// <summary>Reads a pin from a row element (which must be a JSON object).</summary>
    public static bool TryReadPin(JsonElement row, [NotNullWhen(true)] out RawPin? pin, [NotNullWhen(false)] out string? error)
    {
        var values = new string?[PinNames.Length];
        pin = TryReadValues(row, PinNames, values, out error) ? ToPin(values) : null;
        return pin is not null;
    }

    /// <inheritdoc cref="TryReadPin(JsonElement, out RawPin?, out string?)"/>
    public static bool TryReadGeo(JsonElement row, [NotNullWhen(true)] out RawGeo? geo, [NotNullWhen(false)] out string? error)
    {
        var values = new string?[GeoNames.Length];
        geo = TryReadValues(row, GeoNames, values, out error) ? ToGeo(values) : null;
        return geo is not null;
    }

    /// <inheritdoc cref="TryReadPin(JsonElement, out RawPin?, out string?)"/>
    public static bool TryReadUser(JsonElement row, [NotNullWhen(true)] out RawUser? user, [NotNullWhen(false)] out string? error)
    {
        var values = new string?[UserNames.Length];
        user = TryReadValues(row, UserNames, values, out error) ? ToUser(values) : null;
        return user is not null;
    }

    private static RawPin ToPin(string?[] v) =>
        new(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11]);

    private static RawGeo ToGeo(string?[] v) => new(v[0], v[1], v[2], v[3], v[4]);

    private static RawUser ToUser(string?[] v) => new(v[0], v[1], v[2], v[3], v[4]);

    /// <summary>Fills <paramref name="values"/> by field; on a bad field keeps reading to the row's end so the reader stays in step.</summary>
    private static bool TryReadValues(ref Utf8JsonReader reader, byte[][] names, string?[] values, out string? error)
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

    private static bool TryReadValues(JsonElement row, byte[][] names, string?[] values, out string? error)
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

    private static byte[][] Utf8Names(IReadOnlyList<string> fields)
    {
        var names = new byte[fields.Count][];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = Encoding.UTF8.GetBytes(fields[i]);
        }

        return names;
    }
}
