using Pinterest.Modular.Application.Routing;
using Pinterest.Modular.Domain.Common;
using Pinterest.Modular.Infrastructure.Kinesis;
using Pinterest.Modular.Tests.Integration.Api;
using Pinterest.Modular.Tests.Integration.Kinesis;

namespace Pinterest.Modular.Tests.Integration.Reliability;

/// <summary>
/// The transports a reliability theory runs a route on, by row name: the settings that choose it
/// (<c>Pipeline:BatchTransport</c>, <c>Pipeline:StreamTransport</c>) and its connection. A test takes a row with
/// <see cref="OpenAsync"/>, which also makes the server the row needs (the Kafka row's mock cluster) and owns it.
/// </summary>
internal static class TransportRows
{
    public const string Embedded = "embedded";

    /// <summary>The stream route on the kinesalite of the test servers (the streams are made afresh: <see cref="ResetAsync"/>).</summary>
    public const string Kinesis = "kinesis";

    /// <summary>
    /// The batch route on a librdkafka mock cluster of the test's own, in the test process: it outlives a killed
    /// <c>serve</c> child and serves the restarted one, with the records and the sink group's offsets it held.
    /// </summary>
    public const string Kafka = "kafka";

    /// <summary>A row ready for one test: the servers it needs made or reset; dispose after the host.</summary>
    public static async Task<TransportRow> OpenAsync(Route route, string row)
    {
        await ResetAsync(route, row);
        if (row != Kafka)
        {
            return new TransportRow(For(route, row), null);
        }

        if (route != Route.Batch)
        {
            throw new ArgumentOutOfRangeException(nameof(row), row, "Kafka carries the batch route only");
        }

        var cluster = new KafkaMockCluster();
        return new TransportRow(cluster.HostSettings(EmulatorPayloads.Prefix), cluster);
    }

    /// <summary>The settings of a row that needs no server of the test's own (every row but <see cref="Kafka"/>).</summary>
    public static IReadOnlyDictionary<string, string?> For(Route route, string row) => row switch
    {
        Embedded => new Dictionary<string, string?> { [Key(route)] = "Embedded" },

        Kinesis when route == Route.Stream => new Dictionary<string, string?>
        {
            [Key(route)] = "Kinesis",
            ["Kinesis:ServiceUrl"] = TestServers.KinesisServiceUrl.ToString(),
            ["AWS_ACCESS_KEY_ID"] = KinesaliteStreams.Credential, // no ':' in the key: it reaches serve as it is
            ["AWS_SECRET_ACCESS_KEY"] = KinesaliteStreams.Credential,
            ["Kinesis:Worker:PollInterval"] = "00:00:00.2",

            // The restarted host is a new worker: the killed one's shard leases must expire before it reads on.
            ["Kinesis:Worker:LeaseDuration"] = "00:00:06",
            ["Kinesis:Worker:BalanceInterval"] = "00:00:02",
        },

        Kafka => throw new ArgumentException("The Kafka row needs a cluster of the test's own: take it with OpenAsync.", nameof(row)),
        _ => throw new ArgumentOutOfRangeException(nameof(row), row, "no such transport row yet"),
    };

    /// <summary>
    /// Deletes what a previous run left on the transport's server under the fixed prefix of these tests (kinesalite
    /// keeps streams for its life), so the check sees only this run's records.
    /// </summary>
    public static async Task ResetAsync(Route route, string row)
    {
        if (row != Kinesis)
        {
            return;
        }

        await using var streams = KinesaliteStreams.Open();
        foreach (var kind in RecordKinds.All)
        {
            var stream = UniqueRows.Destination(route, kind);
            try
            {
                await streams.Client.DeleteStreamAsync(stream, CancellationToken.None);
            }
            catch (KinesisException ex) when (ex.IsNotFound)
            {
                continue;
            }

            await streams.UntilAsync(stream, "GONE");
        }
    }

    /// <summary>Whether the route's records sit in the embedded logs of the data directory.</summary>
    public static bool IsEmbedded(Route route, IReadOnlyDictionary<string, string?> settings) => RowOf(route, settings) == Embedded;

    /// <summary>The row whose transport <paramref name="settings"/> choose for the route.</summary>
    public static string RowOf(Route route, IReadOnlyDictionary<string, string?> settings) =>
        settings.TryGetValue(Key(route), out var value) && !string.IsNullOrEmpty(value) ? value.ToLowerInvariant() : Embedded;

    private static string Key(Route route) => route == Route.Batch ? "Pipeline:BatchTransport" : "Pipeline:StreamTransport";
}
