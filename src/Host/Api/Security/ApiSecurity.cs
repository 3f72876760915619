using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Pinterest.Modular.Host.Api.Security;

/// <summary>
/// API keys, the request size limit and rate limiting, in front of every endpoint (the ingest APIs included).
/// </summary>
public static class ApiSecurity
{
    public static IServiceCollection AddApiSecurity(this IServiceCollection services)
    {
        services.AddSingleton<IValidateOptions<ApiOptions>, ApiOptionsValidator>();
        services.AddSingleton<ApiKeySet>();
        services.AddSingleton<FailedKeyLimiter>();
        services.AddSingleton<ListenerExposureCheck>();
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<ApiOptions>>(
            (kestrel, api) => kestrel.Limits.MaxRequestBodySize = api.Value.MaxRequestBytes);
        services.AddApiRateLimiting();
        return services;
    }

    /// <summary>
    /// Size check outermost (it also turns a limit hit deep inside into a 413), then the key, then the rate limit per key.
    /// Call before any endpoint is mapped. Routing runs first, so the size check knows which endpoint reads its own body.
    /// </summary>
    public static WebApplication UseApiSecurity(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseRouting();
        app.UseMiddleware<RequestTooLargeMiddleware>();
        app.UseMiddleware<RequireApiKeyMiddleware>();
        app.UseRateLimiter();
        // Resolved when the server has started: its addresses are known then, and bad options have already failed start-up.
        app.Lifetime.ApplicationStarted.Register(() => app.Services.GetRequiredService<ListenerExposureCheck>().LogOnce());
        return app;
    }
}
