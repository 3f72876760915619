using Pinterest.Modular.Application.Routing;

namespace Pinterest.Modular.Tests.Integration.Reliability;

/// <summary>
/// The transports a reliability theory runs a route on, by row name: the settings that choose it
/// (<c>Pipeline:BatchTransport</c>, <c>Pipeline:StreamTransport</c>) and its connection. Kafka (batch route) and
/// Kinesis (stream route) become rows here once they land; the tests then take them as one more InlineData.
/// </summary>
internal static class TransportRows
{
    public const string Embedded = "embedded";

    public static IReadOnlyDictionary<string, string?> For(Route route, string row) => row switch
    {
        Embedded => new Dictionary<string, string?> { [Key(route)] = "Embedded" },

        // TODO(kafka): "kafka" => { Pipeline:BatchTransport = Kafka, Kafka:BootstrapServers = <the test broker> }.
        // TODO(kinesis): "kinesis" => { Pipeline:StreamTransport = Kinesis, Kinesis:ServiceUrl = TestServers.KinesisServiceUrl }.
        _ => throw new ArgumentOutOfRangeException(nameof(row), row, "no such transport row yet"),
    };

    /// <summary>Whether the route's records sit in the embedded logs of the data directory (which a check can read).</summary>
    public static bool IsEmbedded(Route route, IReadOnlyDictionary<string, string?> settings) =>
        !settings.TryGetValue(Key(route), out var value) || string.IsNullOrEmpty(value) || value.Equals("Embedded", StringComparison.OrdinalIgnoreCase);

    private static string Key(Route route) => route == Route.Batch ? "Pipeline:BatchTransport" : "Pipeline:StreamTransport";
}
