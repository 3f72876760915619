using System.Text;

namespace Pinterest.Modular.Infrastructure.Kinesis;

/// <summary>
/// Kinesis' record limits: what one record and one PutRecords request may hold (data and partition keys counted, as
/// the service counts them), and the cutting of a long list into requests that keep to them.
/// </summary>
public static class PutRecordsBatches
{
    public const int MaxRecordBytes = 1024 * 1024;
    public const int MaxRecordsPerRequest = 500;
    public const int MaxRequestBytes = 5 * 1024 * 1024;
    public const int MaxPartitionKeyLength = 256;

    /// <summary>What an entry weighs against the limits: its data and its partition key in UTF-8.</summary>
    public static int SizeOf(KinesisPutEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.Data.Length + Encoding.UTF8.GetByteCount(entry.PartitionKey);
    }

    /// <summary>
    /// Refuses, before anything is sent, an entry Kinesis would refuse: a partition key outside 1 to 256 characters,
    /// or more than 1 MiB of data and key.
    /// </summary>
    public static void EnsureAcceptable(string stream, KinesisPutEntry entry, int index)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.PartitionKey is not { Length: >= 1 and <= MaxPartitionKeyLength })
        {
            throw new KinesisException(
                "ValidationException", $"Record {index} for stream {stream}: the partition key must have 1 to {MaxPartitionKeyLength} characters.", 400);
        }

        var size = SizeOf(entry);
        if (size > MaxRecordBytes)
        {
            throw new KinesisException(
                "ValidationException",
                $"Record {index} for stream {stream} has {size} bytes of data and partition key; Kinesis takes at most {MaxRecordBytes} (1 MiB) per record.",
                400);
        }
    }

    /// <summary>Consecutive runs of entries (start, count), each within 500 records and 5 MiB, in the order given.</summary>
    public static IReadOnlyList<(int Start, int Count)> Split(IReadOnlyList<KinesisPutEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var runs = new List<(int, int)>();
        int start = 0, bytes = 0;
        for (var i = 0; i < entries.Count; i++)
        {
            var size = SizeOf(entries[i]);
            if (i > start && (i - start == MaxRecordsPerRequest || bytes + size > MaxRequestBytes))
            {
                runs.Add((start, i - start));
                start = i;
                bytes = 0;
            }

            bytes += size;
        }

        if (entries.Count > start)
        {
            runs.Add((start, entries.Count - start));
        }

        return runs;
    }
}
