using System.Globalization;

namespace Pinterest.Modular.Application.Scheduling;

/// <summary>
/// One field of a 5-field cron expression as the set of values it allows (bit <c>v</c> set: value <c>v</c> allowed).
/// Syntax per comma-separated item: <c>*</c>, <c>v</c>, <c>a-b</c>, each optionally followed by <c>/step</c>
/// (<c>v/step</c> runs from v to the field's maximum); month and weekday names (<c>JAN</c>, <c>MON</c>) in any case.
/// </summary>
internal readonly record struct CronField(ulong Allowed, bool IsStar)
{
    public static readonly CronFieldSpec Minute = new("minute", 0, 59, []);
    public static readonly CronFieldSpec Hour = new("hour", 0, 23, []);
    public static readonly CronFieldSpec DayOfMonth = new("day-of-month", 1, 31, []);
    public static readonly CronFieldSpec Month = new(
        "month", 1, 12, ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]);

    /// <summary>0 and 7 are both Sunday; 7 is folded onto 0 after parsing.</summary>
    public static readonly CronFieldSpec DayOfWeek = new("day-of-week", 0, 7, ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]);

    public bool Allows(int value) => (Allowed & (1UL << value)) != 0;

    public IEnumerable<int> Values(CronFieldSpec spec)
    {
        for (var value = spec.Min; value <= spec.Max; value++)
        {
            if (Allows(value))
            {
                yield return value;
            }
        }
    }

    public static bool TryParse(string text, CronFieldSpec spec, out CronField field, out string error)
    {
        field = default;
        ulong allowed = 0;
        foreach (var item in text.Split(','))
        {
            if (!TryParseItem(item, spec, ref allowed, out error))
            {
                error = $"{spec.Name} field '{text}': {error}";
                return false;
            }
        }

        if (spec.Max == 7 && (allowed & (1UL << 7)) != 0)
        {
            allowed = (allowed & ~(1UL << 7)) | 1UL;
        }

        // Whether the field starts with '*' decides how the two day fields combine (see CronSchedule.DayIsDue).
        field = new CronField(allowed, text.StartsWith('*'));
        error = "";
        return true;
    }

    private static bool TryParseItem(string item, CronFieldSpec spec, ref ulong allowed, out string error)
    {
        var range = item;
        var step = 1;
        var slash = item.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            range = item[..slash];
            if (!int.TryParse(item[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out step) || step < 1)
            {
                error = $"step '{item[(slash + 1)..]}' is not a whole number of 1 or more.";
                return false;
            }
        }

        int first, last;
        if (range == "*")
        {
            (first, last) = (spec.Min, spec.Max);
        }
        else
        {
            var dash = range.IndexOf('-', StringComparison.Ordinal);
            if (!TryParseValue(dash < 0 ? range : range[..dash], spec, out first, out error))
            {
                return false;
            }

            if (dash < 0)
            {
                last = slash >= 0 ? spec.Max : first;
            }
            else if (!TryParseValue(range[(dash + 1)..], spec, out last, out error))
            {
                return false;
            }
            else if (last < first)
            {
                error = $"range '{range}' runs backwards.";
                return false;
            }
        }

        for (var value = first; value <= last; value += step)
        {
            allowed |= 1UL << value;
        }

        error = "";
        return true;
    }

    private static bool TryParseValue(string text, CronFieldSpec spec, out int value, out string error)
    {
        error = "";
        for (var i = 0; i < spec.Names.Count; i++)
        {
            if (string.Equals(spec.Names[i], text, StringComparison.OrdinalIgnoreCase))
            {
                value = spec.Min + i;
                return true;
            }
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value))
        {
            error = text.Length == 0 ? "a value is missing." : $"'{text}' is not a number{NamesHint(spec)}.";
            return false;
        }

        if (value < spec.Min || value > spec.Max)
        {
            error = $"{value} is out of range {spec.Min}-{spec.Max}.";
            return false;
        }

        return true;
    }

    private static string NamesHint(CronFieldSpec spec) =>
        spec.Names.Count == 0 ? "" : $" or a name ({string.Join(", ", spec.Names)})";
}

/// <summary>A field's name (for messages), its value range and the names that stand for values, in value order.</summary>
internal sealed record CronFieldSpec(string Name, int Min, int Max, IReadOnlyList<string> Names);
