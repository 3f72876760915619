using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Pinterest.Modular.Tests.Integration.Cli;

/// <summary>One request as it arrived on the wire.</summary>
public sealed record RecordedRequest(string Method, string Path, string? ContentType, string? ApiKey, byte[] Body)
{
    public string BodyText => System.Text.Encoding.UTF8.GetString(Body);
}

/// <summary>
/// A bare Kestrel server on a free loopback port that records every request and answers with <paramref name="answer"/>:
/// what a client sends can be checked byte for byte, and answers the real API never gives can be played back.
/// </summary>
public sealed class RecordingApi(WebApplication app, Func<RecordedRequest, (int Status, string Body)> answer) : IAsyncDisposable
{
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>In arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>Answers 200 with <c>{}</c> unless told otherwise.</summary>
    public static async Task<RecordingApi> StartAsync(Func<RecordedRequest, (int Status, string Body)>? answer = null)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var recorder = new RecordingApi(app, answer ?? (_ => (StatusCodes.Status200OK, "{}")));
        app.Run(recorder.RecordAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        recorder.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return recorder;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task RecordAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var request = new RecordedRequest(
            context.Request.Method,
            context.Request.PathBase + context.Request.Path,
            context.Request.ContentType,
            context.Request.Headers["x-api-key"].FirstOrDefault(),
            body.ToArray());
        _requests.Enqueue(request);
        var (status, text) = answer(request);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(text, context.RequestAborted);
    }
}
