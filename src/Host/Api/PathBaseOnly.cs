using Pinterest.Modular.Host.Api.Security;

namespace Pinterest.Modular.Host.Api;

/// <summary>
/// <c>Api:PathBase</c> as API Gateway's stage: routes answer under it and only under it (ASP.NET Core's
/// <c>UsePathBase</c> alone also answers without it, which opens every route at two addresses). Health checks answer
/// both ways, so a load balancer's probe needs no stage. Anything else outside the stage is 404, without the path.
/// </summary>
public static class PathBaseOnly
{
    public static WebApplication UsePathBaseOnly(this WebApplication app, string pathBase)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UsePathBase(pathBase);
        app.Use(async (context, next) =>
        {
            if (context.Request.PathBase.HasValue || HealthProbePath.Matches(context.Request.Path))
            {
                await next(context);
                return;
            }

            context.Response.StatusCode = StatusCodes.Status404NotFound;
            await context.Response.WriteAsJsonAsync(new GatewayMessage("Not Found"), context.RequestAborted);
        });
        return app;
    }
}
