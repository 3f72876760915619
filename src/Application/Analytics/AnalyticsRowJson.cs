using System.Globalization;
using System.Text.Json;

namespace Pinterest.Modular.Application.Analytics;

/// <summary>
/// The one JSON form of an analytics result's rows (used by <c>query --format json</c> and the API): an array of objects
/// with exactly the query's columns, in order; numbers as JSON numbers, text as strings, nulls as <c>null</c>.
/// </summary>
public static class AnalyticsRowJson
{
    public static void WriteRows(Utf8JsonWriter json, AnalyticsResult result)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(result);
        json.WriteStartArray();
        foreach (var row in result.Rows)
        {
            json.WriteStartObject();
            for (var c = 0; c < result.Columns.Count; c++)
            {
                json.WritePropertyName(result.Columns[c]);
                WriteValue(json, row[c]);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNullValue();
                break;
            case long l:
                json.WriteNumberValue(l);
                break;
            case int i:
                json.WriteNumberValue(i);
                break;
            case double d:
                json.WriteNumberValue(d);
                break;
            default:
                json.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }
}
