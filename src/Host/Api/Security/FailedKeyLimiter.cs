using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Pinterest.Modular.Host.Api.Security;

/// <summary>
/// Limits wrong or missing API keys per client address (<c>Api:RateLimit:FailedKeysPerMinute</c>): each failure takes
/// a token from the address's bucket, and an address whose bucket is empty is refused before its key is even looked
/// at, so guessing keys runs at that rate whatever the connection count. IPv6 clients are grouped by their /64, which
/// one host commonly holds whole.
/// </summary>
public sealed class FailedKeyLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<IPAddress?>? _limiter;

    /// <summary>How long one failure's token takes to come back: the wait a refused address is told.</summary>
    private readonly TimeSpan _oneToken;

    public FailedKeyLimiter(IOptions<ApiOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var perMinute = options.Value.RateLimit.FailedKeysPerMinute;
        _oneToken = TimeSpan.FromMinutes(1.0 / Math.Max(1, perMinute));
        if (perMinute > 0)
        {
            _limiter = PartitionedRateLimiter.Create<IPAddress?, string>(address => RateLimitPartition.GetTokenBucketLimiter(
                ClientOf(address),
                _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = perMinute,
                    TokensPerPeriod = 1,
                    ReplenishmentPeriod = _oneToken,
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));
        }
    }

    /// <summary>How long <paramref name="address"/> must wait before its next key is checked; null when it may try now.</summary>
    public TimeSpan? WaitBeforeNextTry(IPAddress? address)
    {
        if (_limiter is null)
        {
            return null;
        }

        // Statistics, not a lease of 0 permits: the bucket refills continuously, and a fraction of a token left would
        // pass a 0-permit probe while the failure after it could not take a whole one.
        return _limiter.GetStatistics(address)?.CurrentAvailablePermits >= 1 ? null : _oneToken;
    }

    /// <summary>Counts a wrong or missing key against <paramref name="address"/>.</summary>
    public void RecordFailure(IPAddress? address)
    {
        using var lease = _limiter?.AttemptAcquire(address, 1);
    }

    public void Dispose() => _limiter?.Dispose();

    private static string ClientOf(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes).ToString() + "/64";
    }
}
