using System.Globalization;
using System.Text.RegularExpressions;

namespace Pinterest.Modular.Application.Landing;

/// <summary>
/// The S3 sink connector's object key: <c>topics/&lt;topic&gt;/partition=&lt;p&gt;/&lt;topic&gt;+&lt;p&gt;+&lt;startOffset:D10&gt;.json</c>.
/// Names derive from offsets, so a replay writes the same objects.
/// </summary>
public sealed partial record LandingObjectKey(string Topic, int Partition, long StartOffset)
{
    public const string Root = "topics/";

    public static string TopicPrefix(string topic) => $"{Root}{topic}/";

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Root}{Topic}/partition={Partition}/{Topic}+{Partition}+{StartOffset:D10}.json");

    public static bool TryParse(string key, out LandingObjectKey parsed)
    {
        var match = KeyPattern().Match(key);
        if (match.Success
            && match.Groups["topic"].Value == match.Groups["topic2"].Value
            && match.Groups["p"].Value == match.Groups["p2"].Value
            && int.TryParse(match.Groups["p"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var partition)
            && long.TryParse(match.Groups["offset"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
        {
            parsed = new LandingObjectKey(match.Groups["topic"].Value, partition, offset);
            return true;
        }

        parsed = null!;
        return false;
    }

    /// <summary>The source of the record on line <paramref name="lineIndex"/> (0-based): <c>topic/partition/offset</c>.</summary>
    public string SourceOfLine(int lineIndex) =>
        string.Create(CultureInfo.InvariantCulture, $"{Topic}/{Partition}/{StartOffset + lineIndex}");

    [GeneratedRegex(@"^(?:.*/)?topics/(?<topic>[^/]+)/partition=(?<p>\d+)/(?<topic2>[^/+]+)\+(?<p2>\d+)\+(?<offset>\d+)\.json$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();
}
