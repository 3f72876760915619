using Pinterest.Modular.Application.Landing;

namespace Pinterest.Modular.Infrastructure.ObjectStore;

/// <summary>How many landed records the batch job has stored, whichever sink (embedded or Kafka) landed them.</summary>
public static class LandedProgress
{
    /// <summary>
    /// Records in the landing objects the batch job has stored (key and ETag marked). A sink's objects of a partition
    /// are contiguous, so an object holds the offsets from its start to the next object's start (the last one: to the
    /// partition's committed offset).
    /// </summary>
    public static async Task<long> CountProcessedAsync(
        IObjectStore landing,
        string topic,
        IReadOnlyDictionary<string, string> processedMarks,
        Func<int, long> committedOffset,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(landing);
        ArgumentNullException.ThrowIfNull(processedMarks);
        ArgumentNullException.ThrowIfNull(committedOffset);
        var objects = new List<(LandingObjectKey Key, bool Processed)>();
        await foreach (var stored in landing.ListAsync(LandingObjectKey.TopicPrefix(topic), cancellationToken))
        {
            if (LandingObjectKey.TryParse(stored.Key, out var key))
            {
                objects.Add((key, processedMarks.TryGetValue(stored.Key, out var etag) && etag == stored.ETag));
            }
        }

        long processed = 0;
        foreach (var partition in objects.GroupBy(o => o.Key.Partition))
        {
            var ordered = partition.OrderBy(o => o.Key.StartOffset).ToList();
            for (var i = 0; i < ordered.Count; i++)
            {
                var end = i + 1 < ordered.Count ? ordered[i + 1].Key.StartOffset : committedOffset(partition.Key);
                processed += ordered[i].Processed ? Math.Max(0, end - ordered[i].Key.StartOffset) : 0;
            }
        }

        return processed;
    }
}
