namespace Pinterest.Modular.Application.Ingest;

/// <summary>
/// One record as a client sent it: the value's JSON text (UTF-8), and the optional key and partition of a
/// REST-proxy record (or the partition key of a Kinesis record).
/// </summary>
public sealed record IngestRecord(ReadOnlyMemory<byte> Value, string? Key = null, int? Partition = null);

/// <summary>Where a transport put a record: partition (or shard index) and offset (or sequence number).</summary>
public sealed record RecordAck(int Partition, long Offset, string SequenceNumber);
