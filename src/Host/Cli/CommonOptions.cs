using System.CommandLine;

namespace Pinterest.Modular.Host.Cli;

/// <summary>Options several verbs share, and how they map onto configuration keys.</summary>
public static class CommonOptions
{
    public static Option<string?> DataDir() => new("--data-dir")
    {
        Description = "Where all embedded state lives (config Pipeline:DataDir, default ./data).",
    };

    /// <summary>Command-line values win over appsettings and environment variables, as the .NET configuration order has it.</summary>
    public static Dictionary<string, string?> Overrides(ParseResult result, Option<string?> dataDir)
    {
        ArgumentNullException.ThrowIfNull(result);
        var overrides = new Dictionary<string, string?>();
        if (result.GetValue(dataDir) is { Length: > 0 } dir)
        {
            overrides["Pipeline:DataDir"] = dir;
        }

        return overrides;
    }
}
