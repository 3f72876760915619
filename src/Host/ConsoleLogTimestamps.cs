using Microsoft.Extensions.Logging.Console;

namespace Pinterest.Modular.Host;

/// <summary>
/// Console log lines carry a UTC timestamp (ISO 8601, milliseconds) by default, in the simple and the JSON format, so
/// the logs of several hosts line up. Applied after configuration is bound: a <c>TimestampFormat</c> set under
/// <c>Logging:Console:FormatterOptions</c> wins, with its own <c>UseUtcTimestamp</c>.
/// </summary>
public static class ConsoleLogTimestamps
{
    /// <summary>The simple format writes the timestamp right before the level, so it carries its own separator.</summary>
    public const string SimpleFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";

    public const string JsonFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";

    public static IServiceCollection AddConsoleLogTimestamps(this IServiceCollection services)
    {
        // Unnamed, the console logger builds its simple formatter's options afresh and ignores these.
        services.PostConfigure<ConsoleLoggerOptions>(o => o.FormatterName ??= ConsoleFormatterNames.Simple);
        services.PostConfigure<SimpleConsoleFormatterOptions>(o => Default(o, SimpleFormat));
        services.PostConfigure<JsonConsoleFormatterOptions>(o => Default(o, JsonFormat));
        return services;
    }

    private static void Default(ConsoleFormatterOptions options, string format)
    {
        if (options.TimestampFormat is null)
        {
            options.TimestampFormat = format;
            options.UseUtcTimestamp = true;
        }
    }
}
