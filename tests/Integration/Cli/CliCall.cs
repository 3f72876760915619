namespace Pinterest.Modular.Tests.Integration.Cli;

/// <summary>One invocation of the CLI: its arguments and, optionally, stdin, extra environment and working directory.</summary>
public sealed record CliCall(IReadOnlyList<string> Args)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Written to the child's stdin, which is then closed; without it stdin is closed at once.</summary>
    public string? Stdin { get; init; }

    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>When null, a fresh empty folder (deleted afterwards), so a forgotten --data-dir cannot write anywhere that matters.</summary>
    public string? WorkingDirectory { get; init; }

    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    public override string ToString() => "pinterest-modular " + string.Join(' ', Args);
}
