using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pinterest.Modular.Infrastructure.Kinesis;

namespace Pinterest.Modular.Tests.Unit.Infrastructure.Kinesis;

public sealed class KinesisOptionsValidationTests
{
    [Theory]
    [InlineData("Kinesis:ServiceUrl", "localhost:4567", "Kinesis:ServiceUrl 'localhost:4567' must be an absolute http:// or https:// address")]
    [InlineData("Kinesis:Region", "Virginia", "Kinesis:Region 'Virginia' is not an AWS region name")]
    [InlineData("Kinesis:ShardCount", "0", "Kinesis:ShardCount must be between 1 and 10000.")]
    [InlineData("Kinesis:MaxAttempts", "0", "Kinesis:MaxAttempts must be between 1 (no retry) and 20.")]
    [InlineData("Kinesis:RequestTimeout", "00:00:00", "Kinesis:RequestTimeout must be a positive time span")]
    [InlineData("Kinesis:RetryMaxDelay", "00:00:00.010", "Kinesis:RetryMaxDelay must be at least Kinesis:RetryBaseDelay")]
    public void Options_WrongSetting_FailNamingTheKey(string key, string value, string message)
    {
        var call = () => OptionsFrom(new() { [key] = value });

        call.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain(message);
    }

    [Fact]
    public void Options_Defaults_AreValidAndPointAtTheRegionsEndpoint()
    {
        var options = OptionsFrom([]);

        options.Should().BeEquivalentTo(new
        {
            ServiceUrl = "",
            Region = "us-east-1",
            ShardCount = 1,
            MaxAttempts = 6,
            RequestTimeout = TimeSpan.FromSeconds(30),
            StreamActiveTimeout = TimeSpan.FromMinutes(2),
        });
        options.Endpoint.Should().Be(new Uri("https://kinesis.us-east-1.amazonaws.com/"));
    }

    [Fact]
    public void Endpoint_ServiceUrlSet_IsTheServiceUrl() =>
        OptionsFrom(new() { ["Kinesis:ServiceUrl"] = "http://127.0.0.1:4567" }).Endpoint.Should().Be(new Uri("http://127.0.0.1:4567/"));

    private static KinesisOptions OptionsFrom(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging().AddKinesisTransport(configuration).BuildServiceProvider();
        return services.GetRequiredService<IOptions<KinesisOptions>>().Value;
    }
}
