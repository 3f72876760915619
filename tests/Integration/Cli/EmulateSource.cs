using Pinterest.Modular.Domain.Common;
using Pinterest.Modular.Infrastructure.Source;
using Pinterest.Modular.Tests.Integration.Source;

namespace Pinterest.Modular.Tests.Integration.Cli;

/// <summary>A data dir with a small seeded source database, the emulator's input, shared by the emulate tests.</summary>
public sealed class EmulateSource : IAsyncLifetime, IDisposable
{
    public const int Rows = 100;

    private readonly TempDir _dataDir = new("pm-emulate-");
    private SqliteSourceDatabase _source = null!;

    public string DataDir => _dataDir.Path;

    public async Task InitializeAsync()
    {
        _source = SourceDatabaseFactory.Create(DataDir);
        await _source.SeedAsync(Rows, seed: 5, progress: null, CancellationToken.None);
    }

    /// <summary>The row's JSON exactly as the source database gives it to the emulator.</summary>
    public async Task<string> RowAsync(RecordKind kind, long offset) =>
        System.Text.Encoding.UTF8.GetString(await _source.ReadRowAsync(kind, offset, CancellationToken.None)
            ?? throw new InvalidOperationException($"no {kind} row at {offset}"));

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        _source?.Dispose();
        _dataDir.Dispose();
    }
}
