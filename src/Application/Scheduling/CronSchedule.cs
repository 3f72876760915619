using System.Diagnostics.CodeAnalysis;
using Cronos;

namespace Pinterest.Modular.Application.Scheduling;

/// <summary>
/// <c>Scheduler:Cron</c> read by Cronos: 5 fields (<c>minute hour day-of-month month day-of-week</c>) or a macro
/// (<c>@hourly</c>, <c>@daily</c>, <c>@weekly</c>, <c>@monthly</c>, <c>@yearly</c>), in <c>Scheduler:TimeZone</c>
/// (UTC unless set). In a zone with daylight saving, Cronos runs an occurrence that falls in the skipped hour at the
/// switch, and one in the repeated hour once. When both day fields are restricted, a day matching either runs (Vixie
/// cron's rule, which Cronos does not follow: it wants both), so such a schedule is read as two.
/// </summary>
public sealed class CronSchedule
{
    /// <summary>Occurrences are whole minutes, so two are never closer than this.</summary>
    public static readonly TimeSpan Resolution = TimeSpan.FromMinutes(1);

    private readonly CronExpression[] _expressions;

    private CronSchedule(string expression, CronExpression[] parsed, TimeZoneInfo zone)
    {
        Expression = expression;
        _expressions = parsed;
        Zone = zone;
    }

    public string Expression { get; }

    public TimeZoneInfo Zone { get; }

    /// <exception cref="FormatException">The expression is not a schedule; the message says why.</exception>
    public static CronSchedule Parse(string expression, TimeZoneInfo? zone = null) =>
        TryParse(expression, zone, out var schedule, out var error) ? schedule : throw new FormatException(error);

    public static bool TryParse(string? expression, TimeZoneInfo? zone, [NotNullWhen(true)] out CronSchedule? schedule, out string error)
    {
        schedule = null;
        var text = expression?.Trim() ?? "";
        CronExpression[] parsed;
        try
        {
            parsed = [.. EitherDay(text).Select(e => CronExpression.Parse(e, CronFormat.Standard))];
        }
        catch (CronFormatException ex)
        {
            error = Explain(text, ex);
            return false;
        }

        zone ??= TimeZoneInfo.Utc;
        // Cronos accepts '0 0 30 2 *' and finds no occurrence; say so at start rather than wait forever.
        if (parsed.All(e => e.GetNextOccurrence(DateTimeOffset.UtcNow, zone) is null))
        {
            error = "no day of the allowed months has an allowed day-of-month, so it would never run.";
            return false;
        }

        schedule = new CronSchedule(text, parsed, zone);
        error = "";
        return true;
    }

    /// <summary>The first occurrence strictly after <paramref name="instant"/>, with the zone's offset at that time.</summary>
    public DateTimeOffset NextAfter(DateTimeOffset instant) =>
        _expressions.Select(e => e.GetNextOccurrence(instant, Zone)).Where(next => next is not null).Min()
        ?? throw new InvalidOperationException($"The schedule '{Expression}' has no occurrence after {instant:u}."); // TryParse rules this out

    public override string ToString() => Zone == TimeZoneInfo.Utc ? Expression : $"{Expression} {Zone.Id}";

    /// <summary>
    /// '0 0 1 * MON' (the 1st, and every Monday) as '0 0 1 * *' and '0 0 * * MON'; a day field that starts with '*' or
    /// '?' (even '*/2') narrows the other, as in Vixie cron, so the expression stays whole.
    /// </summary>
    private static string[] EitherDay(string text)
    {
        var fields = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 5 || fields[2][0] is '*' or '?' || fields[4][0] is '*' or '?')
        {
            return [text];
        }

        var (minute, hour, dayOfMonth, month, dayOfWeek) = (fields[0], fields[1], fields[2], fields[3], fields[4]);
        return [$"{minute} {hour} {dayOfMonth} {month} *", $"{minute} {hour} * {month} {dayOfWeek}"];
    }

    /// <summary>The two mistakes people make most, in words; Cronos's own message for the rest.</summary>
    private static string Explain(string text, CronFormatException ex)
    {
        if (text.StartsWith('@'))
        {
            return $"unknown macro '{text}'; use one of @hourly, @daily (or @midnight), @weekly, @monthly, @yearly (or @annually).";
        }

        var fields = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        return fields != 5
            ? $"expected 5 fields (minute hour day-of-month month day-of-week), got {fields}."
            : ex.Message;
    }
}
