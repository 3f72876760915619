using Pinterest.Modular.Tests.Integration.Support;

namespace Pinterest.Modular.Tests.Integration.Kinesis;

/// <summary>
/// One test's pin stream on the shared kinesalite (a prefix of its own, so tests never meet) and the temp folder that
/// holds its hosts' data directories and their one SQLite warehouse file.
/// </summary>
internal sealed class KinesisTestStream(string name, int shards) : IDisposable
{
    private readonly TempDir _root = new($"pm-kinesis-{name}-");
    private readonly string _prefix = name + Guid.NewGuid().ToString("N")[..8];

    public string Name => $"streaming-{_prefix}-pin";

    public string DataDir(string host) => _root.Combine(host);

    public Dictionary<string, string?> Settings(string host) =>
        KinesisWorkerHost.Settings(DataDir(host), _root.Combine("warehouse.db"), _prefix, host, shards);

    public void Dispose() => _root.Dispose();
}
