using System.Globalization;
using System.Text;

namespace Pinterest.Modular.Infrastructure.Source;

/// <summary>
/// JSON values written as Python's <c>json.dumps</c> writes them, which is what the AWS emulator sent: strings with
/// every character outside ASCII 0x20..0x7E escaped as lower-case <c>\uXXXX</c> (ensure_ascii), floats as their
/// <c>repr</c> (shortest round-trip, <c>12.0</c> rather than <c>12</c>).
/// </summary>
internal static class PythonJson
{
    public static void AppendString(StringBuilder json, string value)
    {
        json.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': json.Append("\\\""); break;
                case '\\': json.Append("\\\\"); break;
                case '\n': json.Append("\\n"); break;
                case '\r': json.Append("\\r"); break;
                case '\t': json.Append("\\t"); break;
                case '\b': json.Append("\\b"); break;
                case '\f': json.Append("\\f"); break;
                case >= ' ' and <= '~': json.Append(c); break;

                // A character beyond the BMP is already two UTF-16 surrogates here, which is how Python escapes it.
                default: json.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"); break;
            }
        }

        json.Append('"');
    }

    public static void AppendFloat(StringBuilder json, double value)
    {
        // Python would write NaN or Infinity, which is not JSON; SQLite keeps NaN as NULL anyway.
        if (!double.IsFinite(value))
        {
            json.Append("null");
            return;
        }

        var text = value.ToString("R", CultureInfo.InvariantCulture).Replace('E', 'e');
        json.Append(text);
        if (!text.Contains('.', StringComparison.Ordinal) && !text.Contains('e', StringComparison.Ordinal))
        {
            json.Append(".0");
        }
    }
}
