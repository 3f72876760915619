using System.Globalization;
using Pinterest.Modular.Application.Scheduling;

namespace Pinterest.Modular.Tests.Unit.Application.Scheduling;

public class CronScheduleTests
{
    private static DateTimeOffset Utc(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    [Theory]
    // Macros: @daily is 00:00 UTC, @hourly the top of each hour.
    [InlineData("@daily", "2026-11-21 12:34:56", "2026-11-22 00:00")]
    [InlineData("@midnight", "2026-11-21 23:59:59", "2026-11-22 00:00")]
    [InlineData("@DAILY", "2026-12-31 00:00:01", "2027-01-01 00:00")]
    [InlineData("@hourly", "2026-11-21 12:34:56", "2026-11-21 13:00")]
    [InlineData("@hourly", "2026-11-21 23:00:00", "2026-11-22 00:00")]
    [InlineData("@weekly", "2026-11-21 12:00", "2026-11-22 00:00")] // 2026-11-22 is a Sunday
    [InlineData("@monthly", "2026-11-21 12:00", "2026-12-01 00:00")]
    [InlineData("@yearly", "2026-11-21 12:00", "2027-01-01 00:00")]
    [InlineData("@annually", "2026-11-21 12:00", "2027-01-01 00:00")]
    // Strictly after: an instant on an occurrence gives the next one; seconds are dropped.
    [InlineData("0 0 * * *", "2026-11-22 00:00:00", "2026-11-23 00:00")]
    [InlineData("30 2 * * *", "2026-11-21 02:29:59.999", "2026-11-21 02:30")]
    [InlineData("30 2 * * *", "2026-11-21 02:30:00.001", "2026-11-22 02:30")]
    [InlineData("* * * * *", "2026-11-21 12:34:56", "2026-11-21 12:35")]
    // Lists, ranges, steps.
    [InlineData("0,15,45 * * * *", "2026-11-21 12:16", "2026-11-21 12:45")]
    [InlineData("0 9-17 * * *", "2026-11-21 17:01", "2026-11-22 09:00")]
    [InlineData("*/15 * * * *", "2026-11-21 12:31", "2026-11-21 12:45")]
    [InlineData("*/15 * * * *", "2026-11-21 12:45", "2026-11-21 13:00")]
    [InlineData("0 17-9 * * *", "2026-11-21 10:00", "2026-11-21 17:00")] // a range that runs backwards wraps round
    [InlineData("0 17-9 * * *", "2026-11-21 23:30", "2026-11-22 00:00")]
    [InlineData("0 0-12/6 * * *", "2026-11-21 06:00", "2026-11-21 12:00")]
    [InlineData("0 0-12/6 * * *", "2026-11-21 12:00", "2026-11-22 00:00")]
    [InlineData("10/20 * * * *", "2026-11-21 12:31", "2026-11-21 12:50")]
    [InlineData("0 1,3-5,22/1 * * *", "2026-11-21 05:00", "2026-11-21 22:00")]
    [InlineData("5 4 * * *", "2026-11-21 12:00", "2026-11-22 04:05")]
    // Days of month and months, with names; the year rolls over.
    [InlineData("0 0 1 * *", "2026-11-21 00:00", "2026-12-01 00:00")]
    [InlineData("0 0 31 * *", "2026-11-21 00:00", "2026-12-31 00:00")]
    [InlineData("0 0 31 * *", "2026-12-31 00:00", "2027-01-31 00:00")]
    [InlineData("0 12 15 jan,Jul *", "2026-11-21 00:00", "2027-01-15 12:00")]
    [InlineData("0 0 * FEB-MAR *", "2026-11-21 00:00", "2027-02-01 00:00")]
    [InlineData("0 0 29 2 *", "2026-11-21 00:00", "2028-02-29 00:00")]
    [InlineData("0 0 29 2 *", "2096-03-01 00:00", "2104-02-29 00:00")] // 2100 is not a leap year
    // Days of week: 0 and 7 are Sunday; names; ranges.
    [InlineData("0 8 * * 1-5", "2026-11-21 00:00", "2026-11-23 08:00")] // Saturday → Monday
    [InlineData("0 8 * * MON-FRI", "2026-11-20 08:00", "2026-11-23 08:00")] // Friday → Monday
    [InlineData("0 0 * * 7", "2026-11-21 00:00", "2026-11-22 00:00")]
    [InlineData("0 0 * * 0", "2026-11-21 00:00", "2026-11-22 00:00")]
    [InlineData("0 0 * * 5-7", "2026-11-22 00:00", "2026-11-27 00:00")] // Sunday → Friday
    [InlineData("0 0 * * sat", "2026-11-21 00:00", "2026-11-28 00:00")]
    // Both day fields restricted: either matches (the 1st, or any Monday).
    [InlineData("0 0 1 * 1", "2026-11-21 00:00", "2026-11-23 00:00")]
    [InlineData("0 0 1 * 1", "2026-11-29 00:00", "2026-11-30 00:00")]
    [InlineData("0 0 1 * 1", "2026-11-30 00:00", "2026-12-01 00:00")]
    // A day field that starts with '*' narrows the other: the 13th only when it is a Friday or Sunday.
    [InlineData("0 0 13 * */5", "2026-11-21 00:00", "2026-12-13 00:00")] // a Sunday
    [InlineData("0 0 13 * */5", "2026-12-13 00:00", "2027-06-13 00:00")] // a Sunday again, before the next Friday the 13th (August 2027)
    public void NextAfter_GivesTheFirstOccurrenceStrictlyAfterTheInstant(string expression, string after, string expected)
    {
        var schedule = CronSchedule.Parse(expression);

        var next = schedule.NextAfter(Utc(after));

        next.Should().Be(Utc(expected));
        next.Offset.Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public void NextAfter_ReadsAnInstantWithAnOffsetAsItsUtcTime()
    {
        // 01:30 at +02:00 is 23:30 UTC the day before: the next 00:00 UTC is half an hour away.
        var instant = new DateTimeOffset(2026, 3, 29, 1, 30, 0, TimeSpan.FromHours(2));

        var next = CronSchedule.Parse("@daily").NextAfter(instant);

        next.Should().Be(new DateTimeOffset(2026, 3, 29, 0, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void NextAfter_HasNoDaylightSavingGapOrRepeat()
    {
        // 2026-03-29 and 2026-10-25 are Europe's switch days; in UTC every hour comes exactly once.
        var schedule = CronSchedule.Parse("30 * * * *");
        var occurrences = new List<DateTimeOffset>();
        var at = Utc("2026-03-28 22:00");
        for (var i = 0; i < 8; i++)
        {
            at = schedule.NextAfter(at);
            occurrences.Add(at);
        }

        occurrences.Zip(occurrences.Skip(1), (a, b) => b - a).Should().AllBeEquivalentTo(TimeSpan.FromHours(1));
    }

    [Fact]
    public void NextAfter_InAZoneWithDaylightSaving_RunsAtLocalTimeAndOnceOnEachSwitchDay()
    {
        // Paris: 02:30 does not exist on 2026-03-29 (clocks go 02:00 -> 03:00) and comes twice on 2026-10-25.
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        var schedule = CronSchedule.Parse("30 2 * * *", paris);

        schedule.NextAfter(Utc("2026-01-10 00:00")).Should().Be(Utc("2026-01-10 01:30")); // 02:30 at +01:00
        schedule.NextAfter(Utc("2026-07-10 00:00")).Should().Be(Utc("2026-07-10 00:30")); // 02:30 at +02:00
        schedule.NextAfter(Utc("2026-03-28 12:00")).Should().Be(Utc("2026-03-29 01:00")); // the skipped time runs at the switch
        var onRepeatDay = schedule.NextAfter(Utc("2026-10-24 12:00"));
        onRepeatDay.Should().Be(Utc("2026-10-25 00:30"));
        schedule.NextAfter(onRepeatDay).Should().Be(Utc("2026-10-26 01:30")); // not again at 02:30 +01:00
    }

    [Theory]
    [InlineData("", "expected 5 fields")]
    [InlineData("0 0 * *", "expected 5 fields (minute hour day-of-month month day-of-week), got 4")]
    [InlineData("0 0 0 * * *", "got 6")]
    [InlineData("@fortnightly", "unknown macro '@fortnightly'")]
    [InlineData("60 * * * *", "Minutes")]
    [InlineData("0 24 * * *", "Hours")]
    [InlineData("0 0 0 * *", "Days of month")]
    [InlineData("0 0 * 13 *", "Month")]
    [InlineData("0 0 * * 8", "Days of week")]
    [InlineData("0 0 * * FRY", "Days of week")]
    [InlineData("*/0 * * * *", "Minutes")]
    [InlineData("0 0 30 2 *", "would never run")]
    [InlineData("0 0 31 4,6,9,11 *", "would never run")]
    public void TryParse_WhenTheExpressionIsNotASchedule_SaysWhy(string expression, string message)
    {
        var parsed = CronSchedule.TryParse(expression, zone: null, out var schedule, out var error);

        parsed.Should().BeFalse();
        schedule.Should().BeNull();
        error.Should().Contain(message);
    }

    [Theory]
    [InlineData("0 0 30 2 1")] // either day field may match: every Monday in February
    [InlineData("0 0 29 2 *")]
    [InlineData("  0   0 * * *  ")]
    public void TryParse_AcceptsSchedulesThatComeRound(string expression)
    {
        CronSchedule.TryParse(expression, zone: null, out var schedule, out var error).Should().BeTrue(error);
        schedule!.Expression.Should().Be(expression.Trim());
    }

    [Fact]
    public void Parse_WhenInvalid_ThrowsAFormatExceptionWithTheReason() =>
        FluentActions.Invoking(() => CronSchedule.Parse("0 0 * *")).Should().Throw<FormatException>().WithMessage("*expected 5 fields*");
}
