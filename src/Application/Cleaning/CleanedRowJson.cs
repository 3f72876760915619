using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Pinterest.Modular.Application.Kinds;

namespace Pinterest.Modular.Application.Cleaning;

/// <summary>
/// The one wire format of a cleaned row (used by the <c>clean</c> CLI and the API): a JSON object with exactly the kind's
/// cleaned columns in order, snake_case; timestamps ISO 8601 in UTC with <c>Z</c> (a fraction only when non-zero);
/// coordinates as <c>[lat, lon]</c>; nulls written as <c>null</c>. Each kind's description writes its columns with the
/// helpers here.
/// </summary>
public static class CleanedRowJson
{
    /// <summary>
    /// The options for writers of cleaned rows: text is escaped only where JSON requires it, so names, "…" and
    /// apostrophes stay readable. (Not for embedding in HTML.)
    /// </summary>
    public static JsonWriterOptions WriterOptions { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes a cleaned row of one of the built-in kinds (its description is found by the row's type).</summary>
    public static void Write(Utf8JsonWriter writer, object row)
    {
        ArgumentNullException.ThrowIfNull(writer);
        DescriptionOf(row).WriteJson(writer, row);
    }

    /// <summary>The row as one UTF-8 JSON object, written with <see cref="WriterOptions"/>.</summary>
    public static byte[] ToUtf8(RecordKindDescription kind, object row)
    {
        ArgumentNullException.ThrowIfNull(kind);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            kind.WriteJson(writer, row);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <inheritdoc cref="ToUtf8(RecordKindDescription, object)"/>
    public static byte[] ToUtf8(object row) => ToUtf8(DescriptionOf(row), row);

    public static void WriteText(Utf8JsonWriter writer, JsonEncodedText name, string? value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    public static void WriteNumber(Utf8JsonWriter writer, JsonEncodedText name, long? value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    /// <summary>
    /// Rows read back from a database may carry <see cref="DateTimeKind.Unspecified"/>; every timestamp here is UTC, so it
    /// is written as UTC (System.Text.Json then writes <c>Z</c> and trims a zero fraction).
    /// </summary>
    public static void WriteTimestamp(Utf8JsonWriter writer, JsonEncodedText name, DateTime? value)
    {
        ArgumentNullException.ThrowIfNull(writer);
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

    /// <summary>The column names encoded once, for a description's writer.</summary>
    public static JsonEncodedText[] Encode(IReadOnlyList<string> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var names = new JsonEncodedText[columns.Count];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = JsonEncodedText.Encode(columns[i]);
        }

        return names;
    }

    private static RecordKindDescription DescriptionOf(object row) =>
        (row is null ? null : BuiltInKinds.ForRowType(row.GetType()))
        ?? throw new ArgumentException(
            $"A cleaned row is a Pin, GeoLocation or User, not {row?.GetType().Name ?? "null"}.", nameof(row));
}
