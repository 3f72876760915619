using Microsoft.Extensions.Options;

namespace Pinterest.Modular.Host.Api.Security;

/// <summary>
/// The generic 413 for bodies over <c>Api:MaxRequestBytes</c> (Kestrel enforces the limit itself while a body is read).
/// An endpoint marked <see cref="ReadsOwnBody"/> (the ingest APIs) reads its body and answers
/// its own 413 in its own error shape; for every other endpoint, a declared length over the limit is refused before
/// the endpoint runs (so a body nobody reads cannot slip by), and a limit hit while reading becomes a ProblemDetails 413.
/// </summary>
public sealed class RequestTooLargeMiddleware(RequestDelegate next, IOptions<ApiOptions> options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var limit = options.Value.MaxRequestBytes;
        if (context.Request.ContentLength > limit && context.GetEndpoint()?.Metadata.GetMetadata<ReadsOwnBody>() is null)
        {
            await RefuseAsync(context, limit);
            return;
        }

        try
        {
            await next(context);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge && !context.Response.HasStarted)
        {
            await RefuseAsync(context, limit);
        }
    }

    private static Task RefuseAsync(HttpContext context, long limit) =>
        TypedResults.Problem(
            title: "Request body too large",
            detail: $"The request body may hold at most {limit} bytes (Api:MaxRequestBytes).",
            statusCode: StatusCodes.Status413PayloadTooLarge).ExecuteAsync(context);
}
