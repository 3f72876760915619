namespace Pinterest.Modular.Application.Routing;

/// <summary>
/// One log a transport keeps on this host's disk: the bytes it holds, and of those the bytes not yet landed or
/// processed (null while its reader has not said how far it got).
/// </summary>
public sealed record RetainedLog(string Name, long RetainedBytes, long? UnprocessedBytes);

/// <summary>The logs a transport keeps on local disk under a retention policy (the embedded logs); none for remote ones.</summary>
public interface IRetainedLogs
{
    IReadOnlyList<RetainedLog> List();
}
