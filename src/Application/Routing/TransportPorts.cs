using Pinterest.Modular.Application.Ingest;

namespace Pinterest.Modular.Application.Routing;

/// <summary>The batch route's transport (an embedded log, or Kafka). Returns only once the records are durable.</summary>
public interface ITopicWriter
{
    /// <summary>How many partitions the topic has.</summary>
    int PartitionCount(string topic);

    Task<IReadOnlyList<RecordAck>> AppendAsync(string topic, IReadOnlyList<IngestRecord> records, CancellationToken cancellationToken);
}

/// <summary>The stream route's transport (an embedded log, or Kinesis). Returns only once the records are durable.</summary>
public interface IStreamWriter
{
    Task<IReadOnlyList<RecordAck>> AppendAsync(string stream, IReadOnlyList<IngestRecord> records, CancellationToken cancellationToken);
}

/// <summary>A transport could not take the records (broker or stream unavailable); the caller may retry.</summary>
public sealed class TransportUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// The transport has no such topic or stream (deleted behind the pipeline's back, or not created yet): answered as
/// "not found", which retrying will not change.
/// </summary>
public sealed class DestinationMissingException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Why a transport refused records for good: sending them again as they are cannot succeed.</summary>
public enum TransportRefusal
{
    /// <summary>The transport did not accept this host's credentials.</summary>
    NotAuthenticated,

    /// <summary>This host's identity may not write to the destination.</summary>
    NotAuthorized,

    /// <summary>Any other refusal (a record too large for the broker, an invalid request).</summary>
    Rejected,
}

/// <summary>A transport refused the records (see <see cref="Refusal"/>); unlike <see cref="TransportUnavailableException"/>, a retry will not help.</summary>
public sealed class TransportRejectedException(string message, TransportRefusal refusal, Exception? inner = null) : Exception(message, inner)
{
    public TransportRefusal Refusal { get; } = refusal;
}
