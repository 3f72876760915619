namespace Pinterest.Modular.Host.Api.Security;

/// <summary>
/// Once <c>Api:Keys</c> holds any key, every request but <c>/health</c> and endpoints marked <see cref="OpenWithoutApiKey"/>
/// must carry one of them in <c>x-api-key</c>;
/// otherwise the answer is 403 <c>{"message":"Forbidden"}</c>, the body and status API Gateway sends for a missing or
/// wrong key, so clients built against it see no difference. The matching key's number is kept for the rate limiter.
/// </summary>
public sealed class RequireApiKeyMiddleware(RequestDelegate next, ApiKeySet keys, ILogger<RequireApiKeyMiddleware> logger)
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

        var presented = context.Request.Headers[HeaderName];
        var number = presented.Count == 1 ? keys.Match(presented[0]) : null;
        if (number is null)
        {
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
