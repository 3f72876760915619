using System.Globalization;

namespace Pinterest.Modular.Domain.Common;

/// <summary>
/// Parsers for row values as they arrive on the wire (spec §2.3), invariant culture, span-based and exception-free
/// because they run once per field on every row.
/// </summary>
public static class WireValues
{
    private const NumberStyles IntegerStyle = NumberStyles.AllowLeadingSign;

    /// <summary>
    /// An integer such as <c>123</c>, <c> 123 </c>, <c>-5</c>, or an integral decimal such as <c>123.0</c>
    /// (what a JSON encoder that only knows floats sends). Rejects fractions, exponents and anything else.
    /// </summary>
    public static bool TryParseInt64(string? text, out long value) => TryParseInt64(text.AsSpan(), out value);

    /// <inheritdoc cref="TryParseInt64(string?, out long)"/>
    public static bool TryParseInt64(ReadOnlySpan<char> text, out long value)
    {
        var span = text.Trim();
        if (long.TryParse(span, IntegerStyle, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        // "123.0": the integer part must parse and every fraction digit must be zero.
        var dot = span.IndexOf('.');
        if (dot <= 0 || dot == span.Length - 1 || span[(dot + 1)..].ContainsAnyExcept('0'))
        {
            value = 0;
            return false;
        }

        return long.TryParse(span[..dot], IntegerStyle, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>A finite double such as <c>-34.5</c> or <c>1e-3</c>; NaN, infinities and overflow are rejected.</summary>
    public static bool TryParseDouble(string? text, out double value)
    {
        if (double.TryParse(text.AsSpan().Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value)
            && double.IsFinite(value))
        {
            return true;
        }

        value = 0;
        return false;
    }

    /// <summary>
    /// A timestamp as the pipeline accepts it, returned in UTC (<see cref="DateTimeKind.Utc"/>):
    /// <c>yyyy-MM-dd HH:mm:ss</c>, <c>yyyy-MM-ddTHH:mm:ss</c> or <c>yyyy:MM:dd HH:mm:ss</c>, then an optional fraction of
    /// 1 to 7 digits and an optional offset (<c>Z</c>, <c>+02:00</c>, <c>-0500</c>, <c>+02</c>). No offset means UTC.
    /// </summary>
    public static bool TryParseUtcTimestamp(string? text, out DateTime value) =>
        TryParseUtcTimestamp(text.AsSpan(), out value);

    /// <inheritdoc cref="TryParseUtcTimestamp(string?, out DateTime)"/>
    public static bool TryParseUtcTimestamp(ReadOnlySpan<char> text, out DateTime value)
    {
        value = default;
        var s = text.Trim();
        if (s.Length < 19)
        {
            return false;
        }

        var dateSeparator = s[4];
        if ((dateSeparator != '-' && dateSeparator != ':') || s[7] != dateSeparator
            || (s[10] != ' ' && s[10] != 'T' && s[10] != 't') || s[13] != ':' || s[16] != ':')
        {
            return false;
        }

        if (!TryDigits(s, 0, 4, out var year) || !TryDigits(s, 5, 2, out var month) || !TryDigits(s, 8, 2, out var day)
            || !TryDigits(s, 11, 2, out var hour) || !TryDigits(s, 14, 2, out var minute)
            || !TryDigits(s, 17, 2, out var second))
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var position = 19;
        long fractionTicks = 0;
        if (position < s.Length && s[position] == '.')
        {
            var digits = CountDigits(s[(position + 1)..]);
            if (digits is < 1 or > 7)
            {
                return false;
            }

            TryDigits(s, position + 1, digits, out var fraction);
            fractionTicks = fraction;
            for (var i = digits; i < 7; i++)
            {
                fractionTicks *= 10;
            }

            position += 1 + digits;
        }

        if (!TryParseOffset(s[position..], out var offsetTicks))
        {
            return false;
        }

        var ticks = new DateTime(year, month, day, hour, minute, second).Ticks + fractionTicks - offsetTicks;
        if (ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks)
        {
            return false;
        }

        value = new DateTime(ticks, DateTimeKind.Utc);
        return true;
    }

    /// <summary>Nothing (UTC), <c>Z</c>, or a sign with <c>HH</c>, <c>HHmm</c> or <c>HH:mm</c>; the ticks to subtract for UTC.</summary>
    private static bool TryParseOffset(ReadOnlySpan<char> s, out long offsetTicks)
    {
        offsetTicks = 0;
        if (s.IsEmpty)
        {
            return true;
        }

        if (s.Length == 1)
        {
            return s[0] is 'Z' or 'z';
        }

        if (s[0] != '+' && s[0] != '-')
        {
            return false;
        }

        int minutes = 0;
        var valid = s.Length switch
        {
            3 => true,
            5 => TryDigits(s, 3, 2, out minutes),
            6 => s[3] == ':' && TryDigits(s, 4, 2, out minutes),
            _ => false,
        };
        if (!valid || !TryDigits(s, 1, 2, out var hours) || hours > 14 || minutes > 59)
        {
            return false;
        }

        offsetTicks = (hours * TimeSpan.TicksPerHour) + (minutes * TimeSpan.TicksPerMinute);
        if (s[0] == '-')
        {
            offsetTicks = -offsetTicks;
        }

        return true;
    }

    private static bool TryDigits(ReadOnlySpan<char> s, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            var digit = s[i] - '0';
            if ((uint)digit > 9)
            {
                return false;
            }

            value = (value * 10) + digit;
        }

        return true;
    }

    private static int CountDigits(ReadOnlySpan<char> s)
    {
        var count = 0;
        while (count < s.Length && char.IsAsciiDigit(s[count]))
        {
            count++;
        }

        return count;
    }
}
