using System.Globalization;
using System.Text;
using System.Text.Json;
using Route = Pinterest.Modular.Application.Routing.Route;

namespace Pinterest.Modular.Host.Api.Client;

/// <summary>
/// Reads a 2xx answer for failures it carries in its body: kafka-rest answers 200 with a per-record
/// <c>error_code</c> when records fail, and API Gateway's Kinesis proxy passes Kinesis errors (<c>__type</c>) and
/// <c>FailedRecordCount</c> through with 200. A body that is not JSON counts as acknowledged: the status said yes.
/// </summary>
public static class PostingAnswer
{
    private const int MaxExcerptChars = 300;

    /// <summary>What failed according to the body, or null when every record was acknowledged.</summary>
    public static string? FailureIn(Route route, ReadOnlyMemory<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            return route == Route.Batch ? RestProxyFailure(root) : KinesisFailure(root);
        }
    }

    /// <summary>A short, single-line excerpt of a body for an error message.</summary>
    public static string Excerpt(ReadOnlySpan<byte> body)
    {
        var text = Encoding.UTF8.GetString(body.Length > MaxExcerptChars * 4 ? body[..(MaxExcerptChars * 4)] : body)
            .ReplaceLineEndings(" ").Trim();
        return text.Length <= MaxExcerptChars ? text : string.Concat(text.AsSpan(0, MaxExcerptChars), "…");
    }

    private static string? RestProxyFailure(JsonElement root)
    {
        if (root.TryGetProperty("error_code", out var code) && code.ValueKind != JsonValueKind.Null)
        {
            return $"error_code {code.GetRawText()}: {Message(root, "message")}";
        }

        if (!root.TryGetProperty("offsets", out var offsets) || offsets.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var failed = offsets.EnumerateArray()
            .Where(o => o.ValueKind == JsonValueKind.Object && o.TryGetProperty("error_code", out var c) && c.ValueKind != JsonValueKind.Null)
            .ToList();
        return failed.Count == 0
            ? null
            : string.Create(
                CultureInfo.InvariantCulture,
                $"{failed.Count} of {offsets.GetArrayLength()} records failed: error_code {failed[0].GetProperty("error_code").GetRawText()}: {Message(failed[0], "error")}");
    }

    private static string? KinesisFailure(JsonElement root)
    {
        if (root.TryGetProperty("__type", out var type))
        {
            return $"{Text(type)}: {Message(root, "message")}";
        }

        if (root.TryGetProperty("FailedRecordCount", out var count) && count.ValueKind == JsonValueKind.Number
            && count.TryGetInt64(out var failed) && failed > 0)
        {
            var first = root.TryGetProperty("Records", out var records) && records.ValueKind == JsonValueKind.Array
                ? records.EnumerateArray().FirstOrDefault(r => r.ValueKind == JsonValueKind.Object && r.TryGetProperty("ErrorCode", out _))
                : default;
            var reason = first.ValueKind == JsonValueKind.Object ? $": {Text(first.GetProperty("ErrorCode"))} {Message(first, "ErrorMessage")}" : string.Empty;
            return string.Create(CultureInfo.InvariantCulture, $"FailedRecordCount {failed}{reason}");
        }

        return null;
    }

    private static string Message(JsonElement element, string property) =>
        element.TryGetProperty(property, out var message) ? Text(message) : "(no message)";

    private static string Text(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString() ?? string.Empty : value.GetRawText();
}
