using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;

namespace Pinterest.Modular.Host.Api;

/// <summary>Why a request body could not be read as JSON: malformed (400) or over the size limit (413).</summary>
public sealed record BodyProblem(int Status, string Message);

/// <summary>Reads a request body as one JSON document, turning what can go wrong into a <see cref="BodyProblem"/>.</summary>
public static class RequestJson
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 64 };

    public static async Task<(JsonDocument? Document, BodyProblem? Problem)> ReadAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            return (await JsonDocument.ParseAsync(context.Request.Body, Options, context.RequestAborted), null);
        }
        catch (JsonException ex)
        {
            return (null, new BodyProblem(StatusCodes.Status400BadRequest, $"The body is not valid JSON: {ex.Message}"));
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            var limit = context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
            return (null, new BodyProblem(StatusCodes.Status413PayloadTooLarge, $"Request body too large: at most {limit} bytes are accepted."));
        }
    }
}
