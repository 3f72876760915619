using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Pinterest.Modular.Host.Api.Security;

namespace Pinterest.Modular.Host.Api.Operations;

/// <summary>
/// The OpenAPI document at <c>/openapi/v1.json</c> (every endpoint, the <c>x-api-key</c> scheme) and Swagger UI at
/// <c>/swagger</c>, both under the path base when one is set.
/// </summary>
public static class ApiDocs
{
    public const string DocumentPath = "/openapi/v1.json";

    public static IServiceCollection AddApiDocs(this IServiceCollection services)
    {
        services.AddOpenApi(options => options.AddDocumentTransformer(DescribeAsync));
        return services;
    }

    public static WebApplication MapApiDocs(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapOpenApi(DocumentPath);
        app.UseSwaggerUI(ui =>
        {
            ui.RoutePrefix = "swagger";
            // Relative to /swagger/index.html, so it follows the path base (an absolute path would drop it).
            ui.SwaggerEndpoint(".." + DocumentPath, "Pinterest.Modular v1");
            ui.DocumentTitle = "Pinterest.Modular API";
        });
        return app;
    }

    private static Task DescribeAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "Pinterest.Modular";
        document.Info.Description =
            "Kafka REST proxy and API Gateway Kinesis proxy compatible ingest, and the operations API. "
            + $"When Api:Keys is set, every endpoint but /health wants one in the {RequireApiKeyMiddleware.HeaderName} header.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["ApiKey"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = RequireApiKeyMiddleware.HeaderName,
            Description = "One of Api:Keys (as an API Gateway usage plan key).",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("ApiKey", document)] = [] });
        return Task.CompletedTask;
    }
}
