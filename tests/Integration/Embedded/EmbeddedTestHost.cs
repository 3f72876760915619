using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Pinterest.Modular.Application.Ingest;
using Pinterest.Modular.Application.Landing;
using Pinterest.Modular.Application.Routing;
using Pinterest.Modular.Infrastructure.Embedded;
using Pinterest.Modular.Infrastructure.ObjectStore;

namespace Pinterest.Modular.Tests.Integration.Embedded;

/// <summary>Builds the embedded adapters over one data directory the way the host wires them.</summary>
public static class EmbeddedTestHost
{
    public const string Prefix = "t";
    public const string PinTopic = "t.pin";
    public const string GeoTopic = "t.geo";

    public static IOptions<PipelineOptions> Pipeline(string dataDir) =>
        Options.Create(new PipelineOptions { DataDir = dataDir, TopicPrefix = Prefix });

    public static EmbeddedLogStore LogStore(string dataDir, int partitions = 1, TimeProvider? time = null) =>
        new(
            Pipeline(dataDir),
            Options.Create(new EmbeddedOptions { Partitions = partitions }),
            time ?? TimeProvider.System,
            NullLogger<EmbeddedLogStore>.Instance);

    public static FileObjectStore ObjectStore(string dataDir) => new(Pipeline(dataDir));

    public static EmbeddedLandingSink LandingSink(
        string dataDir,
        EmbeddedLogStore logs,
        IObjectStore store,
        int flushSize,
        long rotateIntervalMs = -1) =>
        new(
            logs,
            store,
            new RouteTable(Pipeline(dataDir)),
            Options.Create(new SinkOptions { FlushSize = flushSize, RotateIntervalMs = rotateIntervalMs }),
            TimeProvider.System,
            NullLogger<EmbeddedLandingSink>.Instance);

    public static IngestRecord[] Records(int start, int count, int? partition = null) =>
        [.. Enumerable.Range(start, count).Select(n => new IngestRecord(Payloads.Json(n), Partition: partition))];

    /// <summary>Every landed object under the topics root, in key order, with its lines.</summary>
    public static async Task<List<(string Key, string[] Lines)>> LandedAsync(IObjectStore store)
    {
        var landed = new List<(string, string[])>();
        await foreach (var stored in store.ListAsync(LandingObjectKey.Root, CancellationToken.None))
        {
            var text = System.Text.Encoding.UTF8.GetString(await store.ReadAsync(stored.Key, CancellationToken.None));
            text.Should().EndWith("\n", "every record line ends with a newline");
            landed.Add((stored.Key, text[..^1].Split('\n')));
        }

        return landed;
    }

    public static string KeyOf(string topic, int partition, long startOffset) =>
        new LandingObjectKey(topic, partition, startOffset).ToString();
}
