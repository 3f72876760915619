namespace Pinterest.Modular.Tests.Integration.Cli;

/// <summary>
/// The CLI test classes share one collection so their child processes (each multi-threaded) run one class at a time
/// instead of competing for the same two cores and stretching the per-process deadlines.
/// </summary>
[CollectionDefinition(Name)]
public sealed class CliTestGroup
{
    public const string Name = "CLI processes";
}
