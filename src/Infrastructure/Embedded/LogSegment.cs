using System.Globalization;
using Microsoft.Win32.SafeHandles;

namespace Pinterest.Modular.Infrastructure.Embedded;

/// <summary>
/// One file of a <see cref="DurableLog"/>: the records from <see cref="BaseOffset"/> on, until the next segment's base.
/// The first segment is the log's own path (base 0, as logs were before segments); each later one is named
/// <c>&lt;path&gt;.&lt;base offset, 20 digits&gt;</c>, so the base survives the deletion of the segments before it.
/// </summary>
internal sealed class LogSegment(long baseOffset, string path, SafeFileHandle readHandle)
{
    private const int BaseDigits = 20;

    public long BaseOffset { get; } = baseOffset;

    public string Path { get; } = path;

    public SafeFileHandle ReadHandle { get; } = readHandle;

    /// <summary>Byte position of every <see cref="DurableLog.IndexInterval"/>th record, counted from <see cref="BaseOffset"/>.</summary>
    public List<long> Index { get; } = [];

    /// <summary>The durable bytes of the segment (guarded by the log's state lock).</summary>
    public long Length { get; set; }

    public static string PathOf(string logPath, long baseOffset) =>
        baseOffset == 0 ? logPath : logPath + "." + baseOffset.ToString("D" + BaseDigits, CultureInfo.InvariantCulture);

    /// <summary>The segments of the log at <paramref name="logPath"/> that exist on disk, as (base offset, path), oldest first.</summary>
    public static List<(long BaseOffset, string Path)> Find(string logPath)
    {
        var found = new List<(long, string)>();
        if (File.Exists(logPath))
        {
            found.Add((0L, logPath));
        }

        var name = System.IO.Path.GetFileName(logPath) + ".";
        foreach (var file in Directory.EnumerateFiles(System.IO.Path.GetDirectoryName(logPath)!, name + "*"))
        {
            var fileName = System.IO.Path.GetFileName(file);
            if (fileName.Length <= name.Length || !fileName.StartsWith(name, StringComparison.Ordinal))
            {
                continue; // the pattern also matches the first segment itself, and the lock file
            }

            var suffix = fileName[name.Length..];
            if (suffix.Length == BaseDigits && long.TryParse(suffix, NumberStyles.None, CultureInfo.InvariantCulture, out var baseOffset) && baseOffset > 0)
            {
                found.Add((baseOffset, file));
            }
        }

        found.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        return found;
    }
}
