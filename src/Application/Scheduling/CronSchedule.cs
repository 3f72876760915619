using System.Diagnostics.CodeAnalysis;

namespace Pinterest.Modular.Application.Scheduling;

/// <summary>
/// A 5-field cron schedule (<c>minute hour day-of-month month day-of-week</c>) or a macro (<c>@hourly</c>,
/// <c>@daily</c>, <c>@weekly</c>, <c>@monthly</c>, <c>@yearly</c>), always in UTC, so there are no daylight-saving
/// gaps or repeats.
/// Written here rather than taken from Quartz: Quartz's format has seconds and its own day rules (<c>?</c>, Sunday = 1),
/// and mapping standard cron onto it is where mistakes hide.
/// </summary>
public sealed class CronSchedule
{
    /// <summary>Occurrences are whole minutes, so two are never closer than this.</summary>
    public static readonly TimeSpan Resolution = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Every possible day comes within this: the rarest, 29 February on one weekday, recurs within 28 years, a few more
    /// where a century year is not a leap year.
    /// </summary>
    private const int SearchYears = 40;

    private static readonly Dictionary<string, string> Macros = new(StringComparer.OrdinalIgnoreCase)
    {
        ["@yearly"] = "0 0 1 1 *",
        ["@annually"] = "0 0 1 1 *",
        ["@monthly"] = "0 0 1 * *",
        ["@weekly"] = "0 0 * * 0",
        ["@daily"] = "0 0 * * *",
        ["@midnight"] = "0 0 * * *",
        ["@hourly"] = "0 * * * *",
    };

    private static readonly int[] DaysInMonth = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

    private readonly CronField _minutes;
    private readonly CronField _hours;
    private readonly CronField _daysOfMonth;
    private readonly CronField _months;
    private readonly CronField _daysOfWeek;

    private CronSchedule(string expression, CronField[] fields)
    {
        Expression = expression;
        (_minutes, _hours, _daysOfMonth, _months, _daysOfWeek) = (fields[0], fields[1], fields[2], fields[3], fields[4]);
    }

    public string Expression { get; }

    /// <exception cref="FormatException">The expression is not a schedule; the message says which part and why.</exception>
    public static CronSchedule Parse(string expression) =>
        TryParse(expression, out var schedule, out var error) ? schedule : throw new FormatException(error);

    public static bool TryParse(string? expression, [NotNullWhen(true)] out CronSchedule? schedule, out string error)
    {
        schedule = null;
        var text = expression?.Trim() ?? "";
        var expanded = Macros.TryGetValue(text, out var macro) ? macro : text;
        var parts = expanded.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 5)
        {
            error = text.StartsWith('@')
                ? $"unknown macro '{text}'; use one of {string.Join(", ", Macros.Keys)}."
                : $"expected 5 fields (minute hour day-of-month month day-of-week), got {parts.Length}.";
            return false;
        }

        CronFieldSpec[] specs = [CronField.Minute, CronField.Hour, CronField.DayOfMonth, CronField.Month, CronField.DayOfWeek];
        var fields = new CronField[5];
        for (var i = 0; i < 5; i++)
        {
            if (!CronField.TryParse(parts[i], specs[i], out fields[i], out error))
            {
                return false;
            }
        }

        var candidate = new CronSchedule(text, fields);
        if (!candidate.HasADay(out error))
        {
            return false;
        }

        schedule = candidate;
        error = "";
        return true;
    }

    /// <summary>The first occurrence strictly after <paramref name="instant"/>, in UTC.</summary>
    public DateTimeOffset NextAfter(DateTimeOffset instant)
    {
        var utc = instant.UtcDateTime;
        var t = new DateTime(utc.Year, utc.Month, utc.Day, utc.Hour, utc.Minute, 0, DateTimeKind.Utc).AddMinutes(1);
        var end = t.AddYears(SearchYears);
        while (t < end)
        {
            if (!_months.Allows(t.Month))
            {
                t = new DateTime(t.Year, t.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(1);
            }
            else if (!DayIsDue(t))
            {
                t = t.Date.AddDays(1);
            }
            else if (!_hours.Allows(t.Hour))
            {
                t = t.Date.AddHours(t.Hour + 1);
            }
            else if (!_minutes.Allows(t.Minute))
            {
                t = t.AddMinutes(1);
            }
            else
            {
                return new DateTimeOffset(t, TimeSpan.Zero);
            }
        }

        // HasADay rules this out at parse time.
        throw new InvalidOperationException($"The schedule '{Expression}' has no occurrence after {instant:u}.");
    }

    public override string ToString() => Expression;

    /// <summary>
    /// Vixie cron's rule: when both day fields are restricted, either may match; when one starts with '*' (even
    /// '*/2'), both must.
    /// </summary>
    private bool DayIsDue(DateTime day)
    {
        var byMonthDay = _daysOfMonth.Allows(day.Day);
        var byWeekDay = _daysOfWeek.Allows((int)day.DayOfWeek);
        return _daysOfMonth.IsStar || _daysOfWeek.IsStar ? byMonthDay && byWeekDay : byMonthDay || byWeekDay;
    }

    /// <summary>'0 0 30 2 *' parses but never comes; say so at start rather than wait forever.</summary>
    private bool HasADay(out string error)
    {
        error = "";
        if (!_daysOfMonth.IsStar && !_daysOfWeek.IsStar)
        {
            return true; // either may match, and every weekday occurs in every month
        }

        foreach (var month in _months.Values(CronField.Month))
        {
            if (_daysOfMonth.Values(CronField.DayOfMonth).Any(day => day <= DaysInMonth[month]))
            {
                return true;
            }
        }

        error = "no day of the allowed months has an allowed day-of-month, so it would never run.";
        return false;
    }
}
