namespace Pinterest.Modular.Host.Api.Security;

/// <summary>
/// <c>X-Content-Type-Options: nosniff</c> on every answer, errors included: a browser then takes a JSON error body as
/// JSON, never as a page or script, whatever a client managed to put into it.
/// </summary>
public static class NoSniff
{
    public static WebApplication UseNoSniff(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use((context, next) =>
        {
            // On starting, not now: an error handler that clears the headers of a failed answer runs in between.
            context.Response.OnStarting(static state =>
            {
                ((HttpResponse)state).Headers.XContentTypeOptions = "nosniff";
                return Task.CompletedTask;
            }, context.Response);
            return next(context);
        });
        return app;
    }
}
