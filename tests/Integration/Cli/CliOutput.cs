using System.Text;
using System.Text.RegularExpressions;

namespace Pinterest.Modular.Tests.Integration.Cli;

/// <summary>What a CLI process left behind: exit code and the raw bytes of stdout and stderr.</summary>
public sealed partial record CliOutput(CliCall Call, int ExitCode, ReadOnlyMemory<byte> StdoutBytes, ReadOnlyMemory<byte> StderrBytes)
{
    public string Stdout => Encoding.UTF8.GetString(StdoutBytes.Span);

    public string Stderr => Encoding.UTF8.GetString(StderrBytes.Span);

    /// <summary>
    /// Stderr with every run of whitespace made one space: Spectre.Console wraps messages at 80 columns when stderr
    /// is not a terminal, which would split the phrases the tests look for.
    /// </summary>
    public string StderrUnwrapped => Whitespace().Replace(Stderr, " ");

    public IReadOnlyList<string> StdoutLines => Lines(Stdout);

    public IReadOnlyList<string> StderrLines => Lines(Stderr);

    /// <summary>Used as the "because" of assertions, so a failure shows what the process said.</summary>
    public override string ToString() => $"{Call} exited {ExitCode}{Environment.NewLine}stdout:{Environment.NewLine}{Stdout}{Environment.NewLine}stderr:{Environment.NewLine}{Stderr}";

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
