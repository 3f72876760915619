using Microsoft.Extensions.Options;
using Pinterest.Modular.Application.Scheduling;

namespace Pinterest.Modular.Tests.Unit.Application.Scheduling;

/// <summary>The <c>Scheduler</c> section as <c>AddBatchScheduler()</c> binds and validates it.</summary>
public class SchedulerOptionsTests
{
    private static async Task<SchedulerOptions> ReadAsync(params (string Key, string Value)[] settings)
    {
        await using var host = new ApplicationTestHost(settings.ToDictionary(s => $"Scheduler:{s.Key}", s => (string?)s.Value), scheduler: true);
        return host.Resolve<IOptions<SchedulerOptions>>().Value;
    }

    [Fact]
    public async Task Defaults_AreDailyAtMidnightUtcWithTwoRetriesTwoMinutesApart()
    {
        var options = await ReadAsync();

        options.Should().BeEquivalentTo(new { Enabled = true, Cron = "@daily", TimeZone = "UTC", Retries = 2, RetryDelay = TimeSpan.FromMinutes(2) });
        options.Schedule().NextAfter(new DateTimeOffset(2026, 12, 6, 19, 0, 0, TimeSpan.Zero)).Should().Be(new DateTimeOffset(2026, 12, 7, 0, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public async Task Settings_AreBoundFromTheSchedulerSection()
    {
        var options = await ReadAsync(
            ("Cron", "15 3 * * MON-FRI"), ("TimeZone", "Europe/Paris"), ("Retries", "5"), ("RetryDelay", "00:00:30"), ("Enabled", "false"));

        options.Should().BeEquivalentTo(
            new { Enabled = false, Cron = "15 3 * * MON-FRI", TimeZone = "Europe/Paris", Retries = 5, RetryDelay = TimeSpan.FromSeconds(30) });
    }

    [Fact]
    public async Task TimeZone_WhenSet_ReadsTheScheduleInThatZone()
    {
        var options = await ReadAsync(("Cron", "@daily"), ("TimeZone", "America/New_York"));

        // Midnight in New York in December is 05:00 UTC.
        options.Schedule().NextAfter(new DateTimeOffset(2026, 12, 6, 19, 0, 0, TimeSpan.Zero))
            .Should().Be(new DateTimeOffset(2026, 12, 7, 5, 0, 0, TimeSpan.Zero));
    }

    [Theory]
    [InlineData("Cron", "0 0 * *", "Scheduler:Cron '0 0 * *' is not a schedule: expected 5 fields")]
    [InlineData("Cron", "0 0 31 2 *", "Scheduler:Cron '0 0 31 2 *' is not a schedule: no day")]
    [InlineData("Cron", "0 0 0 * * ?", "Scheduler:Cron")]
    [InlineData("Cron", "@fortnightly", "Scheduler:Cron '@fortnightly' is not a schedule: unknown macro")]
    [InlineData("TimeZone", "Mars/Olympus_Mons", "Scheduler:TimeZone 'Mars/Olympus_Mons' is not a time zone this machine knows")]
    [InlineData("Retries", "-1", "Scheduler:Retries must be from 0 to 10; it is -1.")]
    [InlineData("Retries", "11", "Scheduler:Retries must be from 0 to 10; it is 11.")]
    [InlineData("RetryDelay", "-00:00:01", "Scheduler:RetryDelay must be from 00:00:00 to 1.00:00:00 (hh:mm:ss); it is -00:00:01.")]
    [InlineData("RetryDelay", "120", "Scheduler:RetryDelay must be from 00:00:00 to 1.00:00:00 (hh:mm:ss); it is 120.00:00:00.")]
    public async Task Validation_WhenASettingIsWrong_FailsWithAMessageNamingTheKey(string key, string value, string message)
    {
        var read = () => ReadAsync((key, value));

        (await read.Should().ThrowAsync<OptionsValidationException>()).Which.Failures.Should().Contain(f => f.StartsWith(message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("@hourly", 0, "00:00:00")]
    [InlineData("*/5 * * * *", 10, "1.00:00:00")]
    public async Task Validation_AcceptsTheBoundaries(string cron, int retries, string retryDelay)
    {
        var options = await ReadAsync(("Cron", cron), ("Retries", $"{retries}"), ("RetryDelay", retryDelay));

        options.Cron.Should().Be(cron);
    }

    [Fact]
    public async Task Validation_WhenTheScheduleIsOff_IgnoresItsOtherSettings()
    {
        var options = await ReadAsync(("Enabled", "false"), ("Cron", "whenever"), ("Retries", "99"));

        options.Enabled.Should().BeFalse();
    }
}
