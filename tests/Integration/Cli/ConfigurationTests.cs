namespace Pinterest.Modular.Tests.Integration.Cli;

[Collection(CliTestGroup.Name)]
public sealed class ConfigurationTests : IDisposable
{
    private readonly TempDir _fromEnvironment = new();
    private readonly TempDir _fromCommandLine = new();
    private readonly TempDir _workingDirectory = new();

    [Fact]
    public async Task DataDir_FromTheEnvironmentVariable_IsWhereTheVerbWrites()
    {
        var output = await CliProcess.RunAsync(new CliCall(["seed", "--rows", "10"])
        {
            Environment = new Dictionary<string, string> { ["Pipeline__DataDir"] = _fromEnvironment.Path },
            WorkingDirectory = _workingDirectory.Path,
        });

        output.ShouldSucceed();
        File.Exists(_fromEnvironment.Combine("source.db")).Should().BeTrue();
        Directory.Exists(_workingDirectory.Combine("data")).Should().BeFalse("the appsettings default ./data was overridden");
    }

    [Fact]
    public async Task DataDir_OnTheCommandLine_WinsOverTheEnvironmentVariable()
    {
        var output = await CliProcess.RunAsync(new CliCall(["seed", "--rows", "10", "--data-dir", _fromCommandLine.Path])
        {
            Environment = new Dictionary<string, string> { ["Pipeline__DataDir"] = _fromEnvironment.Path },
        });

        output.ShouldSucceed();
        File.Exists(_fromCommandLine.Combine("source.db")).Should().BeTrue();
        File.Exists(_fromEnvironment.Combine("source.db")).Should().BeFalse();
    }

    [Fact]
    public async Task DataDir_WhenNotGiven_IsTheAppsettingsDefaultUnderTheWorkingDirectory()
    {
        var output = await CliProcess.RunAsync(new CliCall(["seed", "--rows", "10"]) { WorkingDirectory = _workingDirectory.Path });

        output.ShouldSucceed();
        File.Exists(_workingDirectory.Combine("data", "source.db")).Should().BeTrue();
    }

    [Theory]
    [InlineData("seed --rows 10")]
    [InlineData("batch")]
    [InlineData("query")]
    [InlineData("demo --events 5")]
    [InlineData("emulate --api http://127.0.0.1:1 --mode batch --events 5")]
    public async Task BadTopicPrefix_FailsAtStart_WithAMessageNamingTheKey_BeforeStoringAnything(string verb)
    {
        var output = await CliProcess.RunAsync(new CliCall([.. verb.Split(' '), "--data-dir", _fromCommandLine.Path])
        {
            Environment = new Dictionary<string, string> { ["Pipeline__TopicPrefix"] = "bad prefix!" },
        });

        output.ShouldFailWith(2, "Pipeline:TopicPrefix");
        Directory.EnumerateFileSystemEntries(_fromCommandLine.Path).Should().BeEmpty("validation runs before any state is written");
    }

    public void Dispose()
    {
        _fromEnvironment.Dispose();
        _fromCommandLine.Dispose();
        _workingDirectory.Dispose();
    }
}
