using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pinterest.Modular.Infrastructure.Kinesis.Worker;

namespace Pinterest.Modular.Tests.Unit.Infrastructure.Kinesis.Worker;

public sealed class KinesisWorkerOptionsTests
{
    private static KinesisWorkerOptions Bind(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.ToDictionary(s => s.Key, s => (string?)s.Value))
            .Build();
        using var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddKinesisStreamWorker()
            .BuildServiceProvider();
        return services.GetRequiredService<IOptions<KinesisWorkerOptions>>().Value;
    }

    [Fact]
    public void Defaults_ReadFromTrimHorizon_WithAUniqueWorkerId()
    {
        var options = Bind();

        options.StartPosition.Should().Be(KinesisStartPosition.TrimHorizon);
        options.LeaseDuration.Should().Be(TimeSpan.FromSeconds(30));
        options.BalanceInterval.Should().Be(TimeSpan.FromSeconds(10));
        options.PollInterval.Should().Be(TimeSpan.FromSeconds(1));
        options.MaxRecordsPerBatch.Should().Be(500);
        options.WorkerId.Should().StartWith($"{Environment.MachineName}/{Environment.ProcessId}/");
        Bind().WorkerId.Should().NotBe(options.WorkerId);
    }

    [Fact]
    public void Settings_AreReadFromTheKinesisWorkerSection()
    {
        var options = Bind(
            ("Kinesis:Worker:StartPosition", "Latest"),
            ("Kinesis:Worker:LeaseDuration", "00:01:00"),
            ("Kinesis:Worker:PollInterval", "00:00:00.5"),
            ("Kinesis:Worker:WorkerId", "host-1"));

        options.StartPosition.Should().Be(KinesisStartPosition.Latest);
        options.LeaseDuration.Should().Be(TimeSpan.FromMinutes(1));
        options.PollInterval.Should().Be(TimeSpan.FromMilliseconds(500));
        options.WorkerId.Should().Be("host-1");
    }

    [Theory]
    [InlineData("Kinesis:Worker:PollInterval", "00:00:00.1", "Kinesis:Worker:PollInterval")]
    [InlineData("Kinesis:Worker:MaxRecordsPerBatch", "0", "Kinesis:Worker:MaxRecordsPerBatch")]
    [InlineData("Kinesis:Worker:MaxRecordsPerBatch", "10001", "Kinesis:Worker:MaxRecordsPerBatch")]
    [InlineData("Kinesis:Worker:LeaseDuration", "00:00:01", "Kinesis:Worker:LeaseDuration")]
    [InlineData("Kinesis:Worker:BalanceInterval", "00:00:20", "Kinesis:Worker:BalanceInterval")]
    [InlineData("Kinesis:Worker:WorkerId", " ", "Kinesis:Worker:WorkerId")]
    public void Validation_NamesTheKeyThatCannotWork(string key, string value, string named)
    {
        var act = () => Bind((key, value));

        act.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain(named);
    }
}
