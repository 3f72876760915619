using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Pinterest.Modular.Tests.Integration.Api;

/// <summary>One request sent as raw bytes (content type exactly as given, no charset added) and what came back.</summary>
internal sealed record HttpExchange(HttpStatusCode Status, string? MediaType, string Body)
{
    /// <param name="chunked">Send the body with chunked transfer encoding: no Content-Length for the server to size a buffer by.</param>
    public static async Task<HttpExchange> SendAsync(
        HttpClient client, HttpMethod method, string path, string? contentType = null, string? body = null, bool chunked = false)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Headers.TransferEncodingChunked = chunked;
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            request.Content.Headers.ContentType = contentType is null ? null : MediaTypeHeaderValue.Parse(contentType);
        }

        using var response = await client.SendAsync(request);
        return new HttpExchange(response.StatusCode, response.Content.Headers.ContentType?.ToString(), await response.Content.ReadAsStringAsync());
    }

    /// <summary>The body's top-level property names, in order: the exact shape of an answer.</summary>
    public IReadOnlyList<string> PropertyNames()
    {
        using var document = JsonDocument.Parse(Body);
        return [.. document.RootElement.EnumerateObject().Select(p => p.Name)];
    }

    public string StringProperty(string name)
    {
        using var document = JsonDocument.Parse(Body);
        return document.RootElement.GetProperty(name).GetString()!;
    }

    public int IntProperty(string name)
    {
        using var document = JsonDocument.Parse(Body);
        return document.RootElement.GetProperty(name).GetInt32();
    }

    public override string ToString() => $"{(int)Status} {MediaType} {Body}";
}
