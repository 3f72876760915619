namespace Pinterest.Modular.Tests.Integration.Api;

/// <summary>One server with two keys; its whole log is captured so the tests can look for the keys in it.</summary>
public sealed class SecurityKeyedServerFixture : IAsyncLifetime
{
    public const string FirstKey = "first-key-3f9c2a7d1b";
    public const string SecondKey = "second-key-8e4b6c0f5a";

    public SecurityTestHost Host { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Host = await SecurityTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Api:Keys:0"] = FirstKey,
            ["Api:Keys:1"] = SecondKey,

            // These tests send many wrong keys from one address on purpose; the failed-key limit has tests of its own.
            ["Api:RateLimit:FailedKeysPerMinute"] = "0",
        });

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
