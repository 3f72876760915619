using System.Globalization;

namespace Pinterest.Modular.Host.Api.Security;

/// <summary>
/// Once <c>Api:Keys</c> holds any key, every request but <c>/health</c> and endpoints marked <see cref="OpenWithoutApiKey"/>
/// must carry one of them in <c>x-api-key</c>;
/// otherwise the answer is 403 <c>{"message":"Forbidden"}</c>, the body and status API Gateway sends for a missing or
/// wrong key, so clients built against it see no difference. The matching key's number is kept for the rate limiter.
/// An address that sent too many wrong or missing keys (<see cref="FailedKeyLimiter"/>) is answered 429 with
/// <c>Retry-After</c> before its key is looked at.
/// </summary>
public sealed class RequireApiKeyMiddleware(RequestDelegate next, ApiKeySet keys, FailedKeyLimiter failures, ILogger<RequireApiKeyMiddleware> logger)
{
    public const string HeaderName = "x-api-key";

    /// <summary>The <see cref="HttpContext.Items"/> entry holding the number of the key a request used.</summary>
    public static readonly object KeyNumberItem = new();

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (keys.IsEmpty
            || HealthProbePath.Matches(context.Request.Path)
            || context.GetEndpoint()?.Metadata.GetMetadata<OpenWithoutApiKey>() is not null)
        {
            await next(context);
            return;
        }

        var address = context.Connection.RemoteIpAddress;
        if (failures.WaitBeforeNextTry(address) is { } wait)
        {
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.Response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            await context.Response.WriteAsJsonAsync(new GatewayMessage("Too Many Requests"), context.RequestAborted);
            return;
        }

        var presented = context.Request.Headers[HeaderName];
        var number = presented.Count == 1 ? keys.Match(presented[0]) : null;
        if (number is null)
        {
            failures.RecordFailure(address);

            // The presented value is never logged: a near miss is as good as a key to whoever reads the log.
            logger.LogDebug(
                "Refused {Method} {Path}: {Reason}",
                context.Request.Method,
                context.Request.Path,
                presented.Count == 0 ? "no x-api-key header" : "x-api-key matches no configured key");
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            context.Response.Headers["x-amzn-ErrorType"] = "ForbiddenException";
            await context.Response.WriteAsJsonAsync(new GatewayMessage("Forbidden"), context.RequestAborted);
            return;
        }

        context.Items[KeyNumberItem] = number.Value;
        await next(context);
    }
}
