using System.Text;
using Microsoft.Extensions.Options;
using Pinterest.Modular.Infrastructure.Kafka;
using Pinterest.Modular.Infrastructure.Kafka.Msk;
using Pinterest.Modular.Tests.Common;

namespace Pinterest.Modular.Tests.Unit.Infrastructure.Kafka.Msk;

public sealed class MskIamTokenSourceTests
{
    private const string MskBootstrap = "b-1.demo.abc123.c2.kafka.eu-west-1.amazonaws.com:9098";

    [Theory]
    [InlineData("", MskBootstrap, "eu-west-1")]
    [InlineData("us-east-2", MskBootstrap, "us-east-2")]
    [InlineData("", "broker.internal:9098", null)]
    public void SigningRegion_IsTheSettingElseTheRegionInTheMskBrokerNames(string region, string bootstrap, string? expected) =>
        new KafkaOptions { Region = region, BootstrapServers = bootstrap }.SigningRegion.Should().Be(expected);

    [Fact]
    public async Task GetToken_WithCredentialsInTheEnvironment_SignsForTheBrokersRegion()
    {
        using var credentials = new EnvironmentVariables(("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE"), ("AWS_SECRET_ACCESS_KEY", "secret"), ("AWS_SESSION_TOKEN", null));
        var clock = new ManualClock(ManualClock.DefaultStart);
        var source = new MskIamTokenSource(Options.Create(new KafkaOptions { BootstrapServers = MskBootstrap, Authentication = KafkaAuthentication.AwsIam }), clock);

        var token = await source.GetTokenAsync(CancellationToken.None);

        var url = Encoding.UTF8.GetString(Convert.FromBase64String(Base64UrlPadded(token.Value)));
        url.Should().StartWith("https://kafka.eu-west-1.amazonaws.com/?Action=kafka-cluster%3AConnect");
        url.Should().Contain("AKIDEXAMPLE%2F").And.Contain("%2Feu-west-1%2Fkafka-cluster%2Faws4_request");
        token.ExpiresAt.Should().Be(new DateTimeOffset(clock.GetUtcNow().Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero) + TimeSpan.FromMinutes(15));
    }

    private static string Base64UrlPadded(string value)
    {
        var text = value.Replace('-', '+').Replace('_', '/');
        return text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '=');
    }

    /// <summary>Sets process environment variables for one test and puts the old values back.</summary>
    private sealed class EnvironmentVariables : IDisposable
    {
        private readonly (string Name, string? Old)[] _saved;

        public EnvironmentVariables(params (string Name, string? Value)[] variables)
        {
            _saved = [.. variables.Select(v => (v.Name, Environment.GetEnvironmentVariable(v.Name)))];
            foreach (var (name, value) in variables)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }

        public void Dispose()
        {
            foreach (var (name, old) in _saved)
            {
                Environment.SetEnvironmentVariable(name, old);
            }
        }
    }
}
