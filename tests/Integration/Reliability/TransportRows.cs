using Pinterest.Modular.Application.Routing;
using Pinterest.Modular.Domain.Common;
using Pinterest.Modular.Infrastructure.Kinesis;
using Pinterest.Modular.Tests.Integration.Kinesis;

namespace Pinterest.Modular.Tests.Integration.Reliability;

/// <summary>
/// The transports a reliability theory runs a route on, by row name: the settings that choose it
/// (<c>Pipeline:BatchTransport</c>, <c>Pipeline:StreamTransport</c>) and its connection. Kafka (batch route) and
/// Kinesis (stream route) become rows here once they land; the tests then take them as one more InlineData.
/// </summary>
internal static class TransportRows
{
    public const string Embedded = "embedded";

    /// <summary>The stream route on the kinesalite of the test servers (the streams are made afresh: <see cref="ResetAsync"/>).</summary>
    public const string Kinesis = "kinesis";

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

        // TODO(kafka): "kafka" => { Pipeline:BatchTransport = Kafka, Kafka:BootstrapServers = <the test broker> }.
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

    /// <summary>Whether the route's records sit in the embedded logs of the data directory (which a check can read).</summary>
    public static bool IsEmbedded(Route route, IReadOnlyDictionary<string, string?> settings) =>
        !settings.TryGetValue(Key(route), out var value) || string.IsNullOrEmpty(value) || value.Equals("Embedded", StringComparison.OrdinalIgnoreCase);

    private static string Key(Route route) => route == Route.Batch ? "Pipeline:BatchTransport" : "Pipeline:StreamTransport";
}
