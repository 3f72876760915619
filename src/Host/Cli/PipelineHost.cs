using Microsoft.Extensions.Logging.Console;
using Pinterest.Modular.Application;
using Pinterest.Modular.Application.Common;
using Pinterest.Modular.Infrastructure;

namespace Pinterest.Modular.Host.Cli;

/// <summary>
/// The generic host behind the CLI verbs: configuration the .NET way (appsettings, then environment variables such
/// as <c>Pipeline__DataDir</c>, then the command line), the application and its adapters.
/// </summary>
public static class PipelineHost
{
    /// <summary>The CLI prints results on stdout and progress on stderr; it logs only when something is wrong.</summary>
    private static readonly Dictionary<string, string?> CliDefaults = new()
    {
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
    };

    public static IHost Build(
        IReadOnlyDictionary<string, string?> overrides, IProgressReporter? progress = null, Action<IServiceCollection>? configureServices = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? Environments.Production,
        });
        AddConfiguration(builder.Configuration, builder.Environment.EnvironmentName, overrides);
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));

        // Defaults set before AddConsole binds Logging:Console, so configuration still wins there:
        // Logging:Console:FormatterName=json gives one JSON object per line, as serve does. The formatter is named, for
        // without a name the console logger builds its simple formatter's options afresh and drops SingleLine.
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.FormatterName = ConsoleFormatterNames.Simple);
        builder.Services.Configure<SimpleConsoleFormatterOptions>(o => o.SingleLine = true);
        builder.Logging.AddConsole();
        builder.Services.AddConsoleLogTimestamps();

        // After it, so nothing moves logs onto stdout, which carries the verbs' results.
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.AddApplication();
        builder.Services.AddInfrastructure(builder.Configuration);
        if (progress is not null)
        {
            builder.Services.AddSingleton(progress);
        }

        configureServices?.Invoke(builder.Services);
        builder.ConfigureContainer(new DefaultServiceProviderFactory(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }));
        var host = builder.Build();

        try
        {
            // Verbs use the services without starting the host, so run the start-up checks here: a bad setting stops
            // the verb with a message that names its key, before any work.
            host.Services.GetService<Microsoft.Extensions.Options.IStartupValidator>()?.Validate();
            host.Services.StartTelemetryExport();
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    /// <summary><see cref="HostConfiguration.AddSources"/> with the CLI's quiet logging as defaults.</summary>
    public static void AddConfiguration(IConfigurationBuilder configuration, string environment, IReadOnlyDictionary<string, string?> overrides) =>
        HostConfiguration.AddSources(configuration, environment, overrides, CliDefaults);
}
