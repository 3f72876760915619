namespace Pinterest.Modular.Host;

/// <summary>
/// The order every host of this program reads its settings in, the CLI verbs' and the API's alike: appsettings, then
/// the caller's defaults, then environment variables such as <c>Pipeline__DataDir</c>, then the command line. Here
/// rather than in either, so the API and the CLI do not name each other.
/// </summary>
public static class HostConfiguration
{
    public static void AddSources(
        IConfigurationBuilder configuration,
        string environment,
        IReadOnlyDictionary<string, string?> overrides,
        IReadOnlyDictionary<string, string?> defaults)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        configuration
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddJsonFile($"appsettings.{environment}.json", optional: true)
            .AddInMemoryCollection(defaults)
            .AddEnvironmentVariables()
            .AddInMemoryCollection(overrides);
    }
}
