using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Pinterest.Modular.Host.Api;

namespace Pinterest.Modular.Tests.Integration.Deploy;

/// <summary>The example <c>deploy/appsettings.Production.json</c>: read by .NET's configuration, it starts serve and holds no secret.</summary>
public sealed partial class ProductionSettingsTests
{
    private static readonly Lazy<string> SettingsFile = new(() => Locate(Path.Combine("deploy", "appsettings.Production.json")));

    /// <summary>The file's settings as the host would see them, every key flattened, the data directory moved to a temp folder.</summary>
    private static Dictionary<string, string?> Settings(string dataDir)
    {
        var settings = new ConfigurationBuilder().AddJsonFile(SettingsFile.Value, optional: false).Build()
            .AsEnumerable()
            .Where(pair => pair.Value is not null)
            .ToDictionary(pair => pair.Key, pair => pair.Value);
        settings["Pipeline:DataDir"] = dataDir;
        return settings;
    }

    [Fact]
    public async Task ProductionSettings_StartServeThatAnswersHealthAndLogsJson()
    {
        using var dataDir = new TempDir("pm-prod-");
        var settings = Settings(dataDir.Path);

        await using var app = ApiHost.Build(settings, ["http://127.0.0.1:0"]);
        await app.StartAsync();
        try
        {
            var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
            using var client = new HttpClient { BaseAddress = new Uri(address.TrimEnd('/') + "/") };
            (await client.GetAsync(new Uri("health/ready", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK);
            app.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName.Should().Be("json");
        }
        finally
        {
            await app.StopAsync();
        }
    }

    [Fact]
    public async Task ProductionSettings_HoldNoSecret()
    {
        var text = await File.ReadAllTextAsync(SettingsFile.Value);
        var settings = Settings("/unused");

        Secret().Matches(text).Select(m => m.Value).Should().BeEmpty("passwords and keys come from the environment file and the instance role");
        settings.Keys.Should().NotContain(k => k.StartsWith("Api:Keys", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>A password or key in a connection string, an AWS access key id, or a secret-looking JSON property with a value.</summary>
    [GeneratedRegex(@"(?i)(password|pwd)\s*=|AKIA[0-9A-Z]{16}|""(secret|secretaccesskey|accesskey|password|apikey)""\s*:\s*""[^""]")]
    private static partial Regex Secret();

    private static string Locate(string relative)
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"{relative} is in no folder above {AppContext.BaseDirectory}.");
    }
}
