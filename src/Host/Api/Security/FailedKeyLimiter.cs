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

    public FailedKeyLimiter(IOptions<ApiOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var perMinute = options.Value.RateLimit.FailedKeysPerMinute;
        if (perMinute > 0)
        {
            _limiter = PartitionedRateLimiter.Create<IPAddress?, string>(address => RateLimitPartition.GetTokenBucketLimiter(
                ClientOf(address),
                _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = perMinute,
                    TokensPerPeriod = 1,
                    ReplenishmentPeriod = TimeSpan.FromMinutes(1.0 / perMinute),
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

        using var lease = _limiter.AttemptAcquire(address, 0); // 0 permits: asks whether any are left, takes none
        return lease.IsAcquired ? null
            : lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
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
