namespace Pinterest.Modular.Host.Api.Security;

/// <summary>Configuration section <c>Api:RateLimit</c>: one token bucket per API key (or client address).</summary>
public sealed class ApiRateLimitOptions
{
    /// <summary><c>Api:RateLimit:PermitsPerSecond</c>: requests a caller may make per second, sustained; 0 turns limiting off.</summary>
    public int PermitsPerSecond { get; set; } = 10_000;

    /// <summary><c>Api:RateLimit:Burst</c>: requests a caller may make at once after being idle (the bucket's size).</summary>
    public int Burst { get; set; } = 20_000;

    /// <summary>
    /// <c>Api:RateLimit:FailedKeysPerMinute</c>: wrong or missing API keys a client address may send per minute (and
    /// at once); past it the address is answered 429 before its key is checked. 0 turns this off.
    /// </summary>
    public int FailedKeysPerMinute { get; set; } = 10;

    public bool Enabled => PermitsPerSecond > 0;
}
