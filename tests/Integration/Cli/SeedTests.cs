namespace Pinterest.Modular.Tests.Integration.Cli;

[Collection(CliTestGroup.Name)]
public sealed class SeedTests : IDisposable
{
    private const int Rows = 2000;
    private static readonly string[] SourceTables = ["pinterest_data", "geolocation_data", "user_data"];

    private readonly TempDir _first = new();
    private readonly TempDir _second = new();
    private readonly TempDir _otherSeed = new();

    [Fact]
    public async Task Seed_WithTheSameSeedInTwoDirs_WritesIdenticalSourceRows_AndAnotherSeedDiffers()
    {
        var runs = await Task.WhenAll(
            CliProcess.RunAsync("seed", "--data-dir", _first.Path, "--rows", $"{Rows}", "--seed", "7"),
            CliProcess.RunAsync("seed", "--data-dir", _second.Path, "--rows", $"{Rows}", "--seed", "7"),
            CliProcess.RunAsync("seed", "--data-dir", _otherSeed.Path, "--rows", $"{Rows}", "--seed", "8"));
        foreach (var run in runs)
        {
            run.ShouldSucceed().StderrUnwrapped.Should().Contain($"Seeded {Rows:N0} rows");
        }

        foreach (var table in SourceTables)
        {
            var first = SqliteFile.Dump(_first.Combine("source.db"), table);
            first.Should().HaveCount(Rows, "{0} gets --rows rows", table);
            SqliteFile.Dump(_second.Combine("source.db"), table).Should().Equal(first, "the same seed gives the same {0}", table);
            SqliteFile.Dump(_otherSeed.Combine("source.db"), table).Should().NotEqual(first, "another seed gives other {0} rows", table);
        }
    }

    public void Dispose()
    {
        _first.Dispose();
        _second.Dispose();
        _otherSeed.Dispose();
    }
}
