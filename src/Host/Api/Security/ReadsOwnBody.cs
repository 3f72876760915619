namespace Pinterest.Modular.Host.Api.Security;

/// <summary>
/// Marks endpoints that read their own body and answer an oversized one in their API's own error dialect
/// (the REST proxy's <c>error_code</c>, Kinesis' <c>__type</c>), so the generic 413 leaves them alone.
/// </summary>
public sealed class ReadsOwnBody
{
    public static ReadsOwnBody Instance { get; } = new();
}
