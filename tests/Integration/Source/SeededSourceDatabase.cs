using Pinterest.Modular.Infrastructure.Source;

namespace Pinterest.Modular.Tests.Integration.Source;

/// <summary>A source database seeded once with the default row count, shared by the tests that only read it.</summary>
public sealed class SeededSourceDatabase : IAsyncLifetime, IDisposable
{
    public const int Seed = 20_240_601;

    private readonly TempDir directory = new();

    public SqliteSourceDatabase Database { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = SourceDatabaseFactory.Create(directory.Path);
        await Database.SeedAsync(SyntheticSourceData.DefaultRows, Seed, null, CancellationToken.None);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        Database?.Dispose();
        directory.Dispose();
    }
}
