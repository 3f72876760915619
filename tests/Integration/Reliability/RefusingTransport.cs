using Pinterest.Modular.Application.Ingest;
using Pinterest.Modular.Application.Routing;

namespace Pinterest.Modular.Tests.Integration.Reliability;

/// <summary>A broker or stream that is down: every append fails as a transport adapter reports it.</summary>
internal sealed class RefusingTransport : ITopicWriter, IStreamWriter
{
    public const string Reason = "the broker is down (on purpose)";

    public int PartitionCount(string topic) => 1;

    public Task<IReadOnlyList<RecordAck>> AppendAsync(string topic, IReadOnlyList<IngestRecord> records, CancellationToken cancellationToken) =>
        Task.FromException<IReadOnlyList<RecordAck>>(new TransportUnavailableException(Reason));
}
