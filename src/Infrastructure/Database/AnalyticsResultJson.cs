using System.Globalization;
using System.Text;
using System.Text.Json;
using Pinterest.Modular.Application.Analytics;

namespace Pinterest.Modular.Infrastructure.Database;

/// <summary>
/// The stored form of one result table: <c>{"columns":[...],"rows":[[...],...]}</c>, each value a JSON string,
/// integer or null (the only value types an <see cref="AnalyticsResult"/> holds).
/// </summary>
internal static class AnalyticsResultJson
{
    public static string Write(AnalyticsResult result)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("columns");
            foreach (var column in result.Columns)
            {
                writer.WriteStringValue(column);
            }

            writer.WriteEndArray();
            writer.WriteStartArray("rows");
            foreach (var row in result.Rows)
            {
                writer.WriteStartArray();
                foreach (var value in row)
                {
                    WriteValue(writer, value);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static AnalyticsResult Read(string name, string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var columns = root.GetProperty("columns").EnumerateArray().Select(column => column.GetString() ?? "").ToList();
        var rows = root.GetProperty("rows").EnumerateArray()
            .Select(row => (IReadOnlyList<object?>)row.EnumerateArray().Select(ReadValue).ToList())
            .ToList();
        return new AnalyticsResult(name, columns, rows);
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case long number:
                writer.WriteNumberValue(number);
                break;
            case int number:
                writer.WriteNumberValue(number);
                break;
            default:
                throw new ArgumentException(
                    $"Analytics values are strings, integers or null; got {value.GetType().Name}.", nameof(value));
        }
    }

    private static object? ReadValue(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetInt64(),
        _ => throw new FormatException(
            string.Create(CultureInfo.InvariantCulture, $"Unexpected JSON value kind {value.ValueKind} in a stored analytics result.")),
    };
}
