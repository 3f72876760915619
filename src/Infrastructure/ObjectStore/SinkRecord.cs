namespace Pinterest.Modular.Infrastructure.ObjectStore;

/// <summary>A record of one topic partition as a sink receives it: offset, record time and the value's bytes.</summary>
public sealed record SinkRecord(long Offset, DateTimeOffset Timestamp, ReadOnlyMemory<byte> Value);
