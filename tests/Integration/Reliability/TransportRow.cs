namespace Pinterest.Modular.Tests.Integration.Reliability;

/// <summary>
/// A row of <see cref="TransportRows"/> taken by one test: the settings that put a host's route on it, and the server
/// the test owns for it (the Kafka row's mock cluster), which must outlive every host on the row: dispose after them.
/// </summary>
internal sealed class TransportRow(IReadOnlyDictionary<string, string?> settings, KafkaMockCluster? kafka) : IDisposable
{
    public IReadOnlyDictionary<string, string?> Settings { get; } = settings;

    /// <summary>The Kafka row's cluster (to take its brokers down); null on other rows.</summary>
    public KafkaMockCluster? Kafka { get; } = kafka;

    public void Dispose() => Kafka?.Dispose();
}
