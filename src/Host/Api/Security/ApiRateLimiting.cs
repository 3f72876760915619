using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Pinterest.Modular.Host.Api.Security;

/// <summary>
/// ASP.NET Core's rate limiter with one token bucket per caller: per API key when keys are configured (the key's
/// number, never its value, names the bucket), else per client address. Refused requests get 429 with Retry-After and
/// API Gateway's throttling body. Health probes are never limited.
/// </summary>
public static class ApiRateLimiting
{
    public static IServiceCollection AddApiRateLimiting(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<ApiOptions>>((limiter, api) =>
        {
            var rate = api.Value.RateLimit;
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = RejectAsync;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => Partition(context, rate));
        });
        return services;
    }

    /// <summary>Tokens refill continuously at <c>PermitsPerSecond</c>; the bucket holds <c>Burst</c>; nothing waits in a queue.</summary>
    public static TokenBucketRateLimiterOptions Bucket(ApiRateLimitOptions rate)
    {
        ArgumentNullException.ThrowIfNull(rate);
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = rate.Burst,
            TokensPerPeriod = rate.PermitsPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        };
    }

    private static RateLimitPartition<string> Partition(HttpContext context, ApiRateLimitOptions rate)
    {
        if (!rate.Enabled || HealthProbePath.Matches(context.Request.Path))
        {
            return RateLimitPartition.GetNoLimiter(string.Empty);
        }

        var caller = context.Items.TryGetValue(RequireApiKeyMiddleware.KeyNumberItem, out var number) && number is int key
            ? string.Create(CultureInfo.InvariantCulture, $"key #{key}")
            : "address " + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        return RateLimitPartition.GetTokenBucketLimiter(caller, _ => Bucket(rate));
    }

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var response = rejected.HttpContext.Response;
        var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
        response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        await response.WriteAsJsonAsync(new GatewayMessage("Too Many Requests"), cancellationToken);
    }
}
