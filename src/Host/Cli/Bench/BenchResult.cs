using System.Globalization;
using System.Text.Json;

namespace Pinterest.Modular.Host.Cli.Bench;

/// <summary>
/// A scenario's figure beside its baseline, measured in the same run: printed as the last stdout line, one JSON object
/// with <c>scenario</c>, <c>value</c>, <c>unit</c>, <c>baseline</c>, <c>ratio</c> (value ÷ baseline) and the parameters.
/// </summary>
public sealed record BenchResult(string Scenario, double Value, string Unit, double Baseline, string BaselineMeaning, IReadOnlyDictionary<string, object> Details)
{
    public double Ratio => Baseline == 0 ? 0 : Value / Baseline;

    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("scenario", Scenario);
            json.WriteNumber("value", Round(Value));
            json.WriteString("unit", Unit);
            json.WriteNumber("baseline", Round(Baseline));
            json.WriteString("baseline_is", BaselineMeaning);
            json.WriteNumber("ratio", Math.Round(Ratio, 3));
            foreach (var (name, value) in Details)
            {
                json.WritePropertyName(name);
                switch (value)
                {
                    case double d:
                        json.WriteNumberValue(Round(d));
                        break;
                    case int or long:
                        json.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                        break;
                    case bool b:
                        json.WriteBooleanValue(b);
                        break;
                    default:
                        json.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                        break;
                }
            }

            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static double Round(double value) => Math.Round(value, value >= 100 ? 1 : 3);
}
