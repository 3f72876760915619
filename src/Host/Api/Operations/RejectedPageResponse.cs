using System.Text.Json;
using System.Text.Json.Serialization;
using Pinterest.Modular.Application.Persistence;
using Pinterest.Modular.Domain.Common;

namespace Pinterest.Modular.Host.Api.Operations;

/// <summary>The body of <c>GET /api/rejected</c>: one page and the total over all pages.</summary>
public sealed record RejectedPageResponse(
    [property: JsonPropertyName("page")] int Page,
    [property: JsonPropertyName("page_size")] int PageSize,
    [property: JsonPropertyName("total")] long Total,
    [property: JsonPropertyName("items")] IReadOnlyList<RejectedItem> Items);

/// <summary>A rejected record; <c>record</c> is the raw record as JSON when it was JSON, else the text it was.</summary>
public sealed record RejectedItem(
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("reason")] string Reason,
    [property: JsonPropertyName("record")] JsonElement Record,
    [property: JsonPropertyName("rejected_at")] DateTime RejectedAt)
{
    public static RejectedItem From(RejectedRecord rejected)
    {
        ArgumentNullException.ThrowIfNull(rejected);
        return new RejectedItem(rejected.Kind.Name, rejected.Source, rejected.Reason, AsJson(rejected.RawJson), rejected.RejectedAt.UtcDateTime);
    }

    private static JsonElement AsJson(string raw)
    {
        try
        {
            using var document = JsonDocument.Parse(raw);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(raw);
        }
    }
}
