using Pinterest.Modular.Application.Landing;

namespace Pinterest.Modular.Tests.Integration.Kafka;

/// <summary>Reads what a sink landed under <c>&lt;DataDir&gt;/landing/</c>, and waits for it.</summary>
internal static class LandingFolder
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(40);

    /// <summary>Every landed object of the topic: its key and its lines.</summary>
    public static SortedDictionary<string, string[]> Objects(string dataDir, string topic)
    {
        var root = Path.Combine(dataDir, "landing");
        var objects = new SortedDictionary<string, string[]>(StringComparer.Ordinal);
        var folder = Path.Combine(root, "topics", topic);
        if (!Directory.Exists(folder))
        {
            return objects;
        }

        foreach (var file in Directory.EnumerateFiles(folder, "*.json", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            text.Should().EndWith("\n", "each value is followed by a newline");
            objects[Path.GetRelativePath(root, file).Replace('\\', '/')] = text[..^1].Split('\n');
        }

        return objects;
    }

    /// <summary>(partition, offset) → value of every landed record; fails if a record landed twice.</summary>
    public static Dictionary<(int Partition, long Offset), string> Records(string dataDir, string topic)
    {
        var records = new Dictionary<(int, long), string>();
        foreach (var (key, lines) in Objects(dataDir, topic))
        {
            LandingObjectKey.TryParse(key, out var parsed).Should().BeTrue(key);
            for (var i = 0; i < lines.Length; i++)
            {
                records.TryAdd((parsed.Partition, parsed.StartOffset + i), lines[i])
                    .Should().BeTrue($"offset {parsed.StartOffset + i} of partition {parsed.Partition} lands once (again in {key})");
            }
        }

        return records;
    }
}
