using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Pinterest.Modular.Tests.Integration.Telemetry;

/// <summary>One OTLP/HTTP export as it arrived: path, content type and the protobuf body.</summary>
public sealed record OtlpExport(string Path, string? ContentType, byte[] Body)
{
    /// <summary>Protobuf keeps strings as UTF-8 bytes, so a name in the body can be found without decoding it.</summary>
    public bool Holds(string text) => Body.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(text)) >= 0;
}

/// <summary>
/// A stand-in OTLP/HTTP collector on a free loopback port: it takes every POST under <c>/v1/</c>, keeps it, and answers
/// 200 with an empty protobuf message (an export response with nothing rejected).
/// </summary>
public sealed class OtlpCollector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    private readonly List<OtlpExport> _exports = [];

    private OtlpCollector(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public IReadOnlyList<OtlpExport> Exports
    {
        get
        {
            lock (_gate)
            {
                return [.. _exports];
            }
        }
    }

    public static async Task<OtlpCollector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var collector = new OtlpCollector(app);
        app.MapPost("/v1/{signal}", collector.TakeAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        collector.BaseAddress = new Uri(address);
        return collector;
    }

    public IReadOnlyList<OtlpExport> At(string path) => [.. Exports.Where(e => e.Path == path)];

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task TakeAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        lock (_gate)
        {
            _exports.Add(new OtlpExport(context.Request.Path.Value ?? "", context.Request.ContentType, body.ToArray()));
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/x-protobuf";
    }
}
