namespace Pinterest.Modular.Tests.Integration.Cli;

/// <summary><c>Scheduler:*</c> is checked when <c>serve</c> starts; the one-shot verbs have no schedule to check.</summary>
[Collection(CliTestGroup.Name)]
public sealed class SchedulerConfigurationTests : IDisposable
{
    private readonly TempDir _dataDir = new();

    [Theory]
    [InlineData("Scheduler__Cron", "0 0 * *", "Scheduler:Cron '0 0 * *' is not a schedule: expected 5 fields")]
    [InlineData("Scheduler__Cron", "@fortnightly", "Scheduler:Cron '@fortnightly' is not a schedule: unknown macro")]
    [InlineData("Scheduler__Retries", "-1", "Scheduler:Retries must be from 0 to 10")]
    [InlineData("Scheduler__RetryDelay", "-00:01:00", "Scheduler:RetryDelay must be from 00:00:00 to 1.00:00:00")]
    public async Task Serve_WithABadScheduleSetting_ExitsAtStartNamingTheKey(string variable, string value, string message)
    {
        var output = await CliProcess.RunAsync(new CliCall(["serve", "--urls", "http://127.0.0.1:0", "--data-dir", _dataDir.Path])
        {
            Environment = new Dictionary<string, string> { [variable] = value },
        });

        output.ShouldFailWith(2, message);
    }

    [Fact]
    public async Task Batch_IgnoresTheSchedule()
    {
        var output = await CliProcess.RunAsync(new CliCall(["batch", "--data-dir", _dataDir.Path])
        {
            Environment = new Dictionary<string, string> { ["Scheduler__Cron"] = "not a schedule" },
        });

        output.ShouldSucceed();
    }

    public void Dispose() => _dataDir.Dispose();
}
