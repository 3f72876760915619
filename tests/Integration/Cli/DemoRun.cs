namespace Pinterest.Modular.Tests.Integration.Cli;

/// <summary>
/// One seeded data dir with one demo run in it, shared by the tests that only read what the demo left
/// (queries never change the warehouse). Seeding first with 2,000 rows keeps the run short.
/// </summary>
public sealed class DemoRun : IAsyncLifetime, IDisposable
{
    public const int Events = 300;
    public const int SourceRows = 2000;

    private readonly TempDir _dataDir = new();

    public string DataDir => _dataDir.Path;

    public CliOutput Demo { get; private set; } = null!;

    public string Combine(params string[] parts) => _dataDir.Combine(parts);

    public async Task InitializeAsync()
    {
        var seed = await CliProcess.RunAsync("seed", "--data-dir", DataDir, "--rows", $"{SourceRows}", "--seed", "3");
        if (seed.ExitCode != 0)
        {
            throw new InvalidOperationException($"seeding the demo's data dir failed: {seed}");
        }

        Demo = await CliProcess.RunAsync(new CliCall(["demo", "--data-dir", DataDir, "--events", $"{Events}"]) { Timeout = TimeSpan.FromMinutes(2) });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _dataDir.Dispose();
}
