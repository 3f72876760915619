using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Pinterest.Modular.Domain.Geo;
using Pinterest.Modular.Domain.Pins;
using Pinterest.Modular.Domain.Users;

namespace Pinterest.Modular.Application.Cleaning;

/// <summary>
/// The one wire format of a cleaned row (used by the <c>clean</c> CLI and the API): a JSON object with exactly the spec's
/// columns in order, snake_case; timestamps ISO 8601 in UTC with <c>Z</c> (a fraction only when non-zero); coordinates as
/// <c>[lat, lon]</c>; nulls written as <c>null</c>.
/// </summary>
public static class CleanedRowJson
{
    private static readonly JsonEncodedText[] PinNames = Encode(Pin.Columns);
    private static readonly JsonEncodedText[] GeoNames = Encode(GeoLocation.Columns);
    private static readonly JsonEncodedText[] UserNames = Encode(User.Columns);

    /// <summary>
    /// The options for writers of cleaned rows: text is escaped only where JSON requires it, so names, "…" and
    /// apostrophes stay readable. (Not for embedding in HTML.)
    /// </summary>
    public static JsonWriterOptions WriterOptions { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(Utf8JsonWriter writer, Pin pin)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(pin);
        writer.WriteStartObject();
        writer.WriteNumber(PinNames[0], pin.Ind);
        WriteText(writer, PinNames[1], pin.UniqueId);
        WriteText(writer, PinNames[2], pin.Title);
        WriteText(writer, PinNames[3], pin.Description);
        if (pin.FollowerCount is { } followerCount)
        {
            writer.WriteNumber(PinNames[4], followerCount);
        }
        else
        {
            writer.WriteNull(PinNames[4]);
        }

        WriteText(writer, PinNames[5], pin.PosterName);
        WriteText(writer, PinNames[6], pin.TagList);
        WriteText(writer, PinNames[7], pin.IsImageOrVideo);
        WriteText(writer, PinNames[8], pin.ImageSrc);
        WriteText(writer, PinNames[9], pin.SaveLocation);
        WriteText(writer, PinNames[10], pin.Category);
        writer.WriteEndObject();
    }

    public static void Write(Utf8JsonWriter writer, GeoLocation geo)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(geo);
        writer.WriteStartObject();
        writer.WriteNumber(GeoNames[0], geo.Ind);
        WriteText(writer, GeoNames[1], geo.Country);
        if (geo.Coordinates is { } coordinates)
        {
            writer.WriteStartArray(GeoNames[2]);
            writer.WriteNumberValue(coordinates.Latitude);
            writer.WriteNumberValue(coordinates.Longitude);
            writer.WriteEndArray();
        }
        else
        {
            writer.WriteNull(GeoNames[2]);
        }

        WriteTimestamp(writer, GeoNames[3], geo.Timestamp);
        writer.WriteEndObject();
    }

    public static void Write(Utf8JsonWriter writer, User user)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(user);
        writer.WriteStartObject();
        writer.WriteNumber(UserNames[0], user.Ind);
        WriteText(writer, UserNames[1], user.UserName);
        if (user.Age is { } age)
        {
            writer.WriteNumber(UserNames[2], age);
        }
        else
        {
            writer.WriteNull(UserNames[2]);
        }

        WriteTimestamp(writer, UserNames[3], user.DateJoined);
        writer.WriteEndObject();
    }

    /// <summary>Writes a <see cref="Pin"/>, <see cref="GeoLocation"/> or <see cref="User"/>.</summary>
    public static void Write(Utf8JsonWriter writer, object row)
    {
        switch (row)
        {
            case Pin pin:
                Write(writer, pin);
                break;
            case GeoLocation geo:
                Write(writer, geo);
                break;
            case User user:
                Write(writer, user);
                break;
            default:
                throw new ArgumentException(
                    $"A cleaned row is a Pin, GeoLocation or User, not {row?.GetType().Name ?? "null"}.", nameof(row));
        }
    }

    /// <summary>The row as one UTF-8 JSON object, written with <see cref="WriterOptions"/>.</summary>
    public static byte[] ToUtf8(object row)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Write(writer, row);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteText(Utf8JsonWriter writer, JsonEncodedText name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    /// <summary>
    /// Rows read back from a database may carry <see cref="DateTimeKind.Unspecified"/>; every timestamp here is UTC, so it
    /// is written as UTC (System.Text.Json then writes <c>Z</c> and trims a zero fraction).
    /// </summary>
    private static void WriteTimestamp(Utf8JsonWriter writer, JsonEncodedText name, DateTime? value)
    {
        if (value is not { } timestamp)
        {
            writer.WriteNull(name);
            return;
        }

        var utc = timestamp.Kind switch
        {
            DateTimeKind.Utc => timestamp,
            DateTimeKind.Local => timestamp.ToUniversalTime(),
            _ => DateTime.SpecifyKind(timestamp, DateTimeKind.Utc),
        };
        writer.WriteString(name, utc);
    }

    private static JsonEncodedText[] Encode(IReadOnlyList<string> columns)
    {
        var names = new JsonEncodedText[columns.Count];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = JsonEncodedText.Encode(columns[i]);
        }

        return names;
    }
}
