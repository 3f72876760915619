using System.Text.RegularExpressions;

namespace Pinterest.Modular.Host;

/// <summary>
/// How an error names something taken from the request's path (a topic, a stream, a query): as itself when it has the
/// shape of such a name (Kafka's and Kinesis' name characters, at most 249 of them), as a placeholder otherwise, so an
/// answer never repeats markup or other text a client smuggled into its path.
/// </summary>
public static partial class PathNames
{
    public const string NotAName = "(not a valid name)";

    public static string Quote(string name) => NameShape().IsMatch(name) ? name : NotAName;

    [GeneratedRegex("^[A-Za-z0-9._-]{1,249}$")]
    private static partial Regex NameShape();
}
