using System.Text;
using System.Text.Json;
using Pinterest.Modular.Application.Kinds;
using Pinterest.Modular.Domain.Common;

namespace Pinterest.Modular.Application.Cleaning;

/// <summary>
/// Cleans one record's JSON value (spec §2.1, §3): a single row object, or an array of row objects each of which is one
/// row. A row that cannot be read or cleaned is rejected alone; a value that is not valid JSON, or neither an object nor
/// an array, is rejected whole. One pass over the bytes, no document built.
/// </summary>
public static class RecordCleaner
{
    /// <summary>
    /// The reason for a value that is valid JSON but not rows. Also given to an array item that is not an object, with
    /// what it was.
    /// </summary>
    public const string NotRowsReason = "value must be a JSON object or an array of objects";

    private static readonly CleanedRow[] NoneCleaned = [];
    private static readonly RejectedRow[] NoneRejected = [];

    /// <summary>Cleans a record of one of the built-in kinds (pin, geo, user).</summary>
    public static CleanOutcome Clean(RecordKind kind, ReadOnlySpan<byte> json) => Clean(BuiltInKinds.Of(kind), json);

    public static CleanOutcome Clean(RecordKindDescription kind, ReadOnlySpan<byte> json)
    {
        ArgumentNullException.ThrowIfNull(kind);
        var value = json.StartsWith("\uFEFF"u8) ? json[3..] : json;
        // Created on first use: a record is usually one row, cleaned, so most records never need the rejected list.
        List<CleanedRow>? cleaned = null;
        List<RejectedRow>? rejected = null;
        string? notRows = null;
        try
        {
            var reader = new Utf8JsonReader(value);
            reader.Read();
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    CleanRow(kind, ref reader, value, null, ref cleaned, ref rejected);
                    break;
                case JsonTokenType.StartArray:
                    CleanRows(kind, ref reader, value, ref cleaned, ref rejected);
                    break;
                default:
                    notRows = $"{NotRowsReason}, not {RawRowReader.Describe(reader.TokenType)}";
                    break;
            }

            // Anything after the value (other than whitespace) makes the reader throw.
            reader.Read();
        }
        catch (JsonException exception)
        {
            return WholeRejected(kind, value, "not valid JSON: " + exception.Message);
        }
        catch (InvalidOperationException exception)
        {
            // GetString throws this on a string that is not valid UTF-8.
            return WholeRejected(kind, value, "not valid JSON: " + exception.Message);
        }

        if (notRows is not null)
        {
            return WholeRejected(kind, value, notRows);
        }

        return new CleanOutcome(
            cleaned is { Count: > 0 } ? cleaned : NoneCleaned,
            rejected is { Count: > 0 } ? rejected : NoneRejected);
    }

    private static void CleanRows(
        RecordKindDescription kind, ref Utf8JsonReader reader, ReadOnlySpan<byte> json, ref List<CleanedRow>? cleaned, ref List<RejectedRow>? rejected)
    {
        var position = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                CleanRow(kind, ref reader, json, position, ref cleaned, ref rejected);
            }
            else
            {
                var start = (int)reader.TokenStartIndex;
                var what = RawRowReader.Describe(reader.TokenType);
                reader.Skip();
                var text = Encoding.UTF8.GetString(json[start..(int)reader.BytesConsumed]);
                (rejected ??= []).Add(new RejectedRow(kind.Kind, text, $"{NotRowsReason}, but item {position} is {what}", position));
            }

            position++;
        }

        if (position == 0)
        {
            (rejected ??= []).Add(new RejectedRow(kind.Kind, Encoding.UTF8.GetString(json), "value is an empty array: no rows", null));
        }
    }

    /// <summary>Reads and cleans the row whose <c>StartObject</c> the reader is on; the reader ends on its <c>EndObject</c>.</summary>
    private static void CleanRow(
        RecordKindDescription kind,
        ref Utf8JsonReader reader,
        ReadOnlySpan<byte> json,
        int? position,
        ref List<CleanedRow>? cleaned,
        ref List<RejectedRow>? rejected)
    {
        var start = (int)reader.TokenStartIndex;
        if (kind.TryClean(ref reader, out var row, out var issues, out var error))
        {
            (cleaned ??= new List<CleanedRow>(1)).Add(new CleanedRow(kind.Kind, row, issues, position));
            return;
        }

        // A single row's text is the whole value as sent; an array item's is its own slice.
        var text = position is null ? json : json[start..(int)reader.BytesConsumed];
        (rejected ??= []).Add(new RejectedRow(kind.Kind, Encoding.UTF8.GetString(text), error, position));
    }

    private static CleanOutcome WholeRejected(RecordKindDescription kind, ReadOnlySpan<byte> json, string reason) =>
        new(NoneCleaned, [new RejectedRow(kind.Kind, Encoding.UTF8.GetString(json), reason, null)]);
}
