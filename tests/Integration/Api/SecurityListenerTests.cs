using Microsoft.Extensions.Logging;
using Pinterest.Modular.Host.Api.Security;

namespace Pinterest.Modular.Tests.Integration.Api;

public sealed class SecurityListenerTests
{
    private const string Category = "Pinterest.Modular.Host.Api.Security.ListenerExposureCheck";

    [Fact]
    public async Task Start_OnAllInterfacesWithoutKeys_WarnsLoudly()
    {
        await using var host = await SecurityTestHost.StartAsync(url: "http://0.0.0.0:0");

        var warning = host.Log.Entries.Should().ContainSingle(e => e.Category == Category && e.Level == LogLevel.Warning).Subject;
        warning.Text.Should().Contain("THE API IS OPEN").And.Contain("0.0.0.0").And.Contain("Api:Keys");
    }

    [Fact]
    public async Task Start_OnAllInterfacesWithKeys_DoesNotWarn()
    {
        await using var host = await SecurityTestHost.StartAsync(new Dictionary<string, string?> { ["Api:Keys:0"] = "a-key-for-this-test" }, url: "http://0.0.0.0:0");

        host.Log.Entries.Where(e => e.Category == Category).Should().ContainSingle()
            .Which.Should().Match<(LogLevel Level, string Category, string Text)>(e => e.Level == LogLevel.Information && e.Text.Contains("1 configured"));
    }

    [Fact]
    public async Task Start_OnLoopbackWithoutKeys_DoesNotWarn()
    {
        await using var host = await SecurityTestHost.StartAsync();

        host.Log.Entries.Should().NotContain(e => e.Category == Category && e.Level >= LogLevel.Warning);
        host.Log.Entries.Should().Contain(e => e.Category == Category && e.Text.Contains("none required"));
    }

    [Theory]
    [InlineData("http://127.0.0.1:8082", true)]
    [InlineData("http://127.8.9.10:1", true)]
    [InlineData("http://localhost:8082", true)]
    [InlineData("http://[::1]:8082", true)]
    [InlineData("http://0.0.0.0:8082", false)]
    [InlineData("http://[::]:8082", false)]
    [InlineData("http://*:8082", false)]
    [InlineData("http://+:8082", false)]
    [InlineData("http://10.1.2.3:8082", false)]
    [InlineData("https://api.example.com:443", false)]
    public void IsLoopback_TellsLoopbackFromExposedAddresses(string address, bool loopback) =>
        ListenerExposureCheck.IsLoopback(address).Should().Be(loopback);
}
