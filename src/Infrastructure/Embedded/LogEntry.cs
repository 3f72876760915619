namespace Pinterest.Modular.Infrastructure.Embedded;

/// <summary>One record read back from a <see cref="DurableLog"/>.</summary>
public sealed record LogEntry(long Offset, DateTimeOffset AppendedAt, ReadOnlyMemory<byte> Payload);
