namespace Pinterest.Modular.Application.Cleaning;

/// <summary>
/// A record read back from a transport: its JSON value (an object, or an array of objects each of which is one row)
/// and where it came from (<c>topic/partition/offset</c> or <c>stream/shard/sequence</c>), which makes a rejection unique.
/// </summary>
public sealed record RawRecord(string Source, ReadOnlyMemory<byte> Json);
