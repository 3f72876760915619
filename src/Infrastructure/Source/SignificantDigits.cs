using System.Globalization;

namespace Pinterest.Modular.Infrastructure.Source;

/// <summary>Significant digits of a double as its shortest round-trip text shows them.</summary>
internal static class SignificantDigits
{
    public static double Round(double value, int digits)
    {
        if (value == 0)
        {
            return 0;
        }

        var decimals = digits - 1 - (int)Math.Floor(Math.Log10(Math.Abs(value)));
        return Math.Round(value, Math.Clamp(decimals, 0, 15));
    }

    public static int Count(double value)
    {
        var mantissa = value.ToString("R", CultureInfo.InvariantCulture).Split('E')[0];
        var digits = mantissa.Where(char.IsAsciiDigit).SkipWhile(c => c == '0').ToArray();
        var count = digits.Length;

        // Trailing zeros of a whole number (1200) are not significant; a double's shortest text has none after a point.
        while (count > 0 && digits[count - 1] == '0')
        {
            count--;
        }

        return count;
    }
}
