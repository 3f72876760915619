namespace Pinterest.Modular.Tests.Integration.Cli;

internal static class CliOutputAssertions
{
    public static CliOutput ShouldSucceed(this CliOutput output)
    {
        output.ExitCode.Should().Be(0, "the command should succeed, but: {0}", output);
        return output;
    }

    /// <summary>A failure the user can act on: the given exit code, the phrases on stderr, and no stack trace.</summary>
    public static CliOutput ShouldFailWith(this CliOutput output, int exitCode, params string[] phrases)
    {
        output.ExitCode.Should().Be(exitCode, "{0}", output);
        foreach (var phrase in phrases)
        {
            output.StderrUnwrapped.Should().Contain(phrase, "{0}", output);
        }

        output.Stderr.Should().NotContain("Unhandled exception").And.NotContain("   at ", "a clear message, not a stack trace");
        return output;
    }
}
