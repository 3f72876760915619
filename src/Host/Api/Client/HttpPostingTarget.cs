using System.Globalization;
using Pinterest.Modular.Application.Emulation;
using Pinterest.Modular.Application.Routing;

namespace Pinterest.Modular.Host.Api.Client;

/// <summary>
/// Posts the emulator's rows to the HTTP API as a client of the AWS pipeline would: one pooled <see cref="HttpClient"/>
/// with as many connections as workers, <c>x-api-key</c> when a key is set. A non-2xx status, a failure in a 2xx
/// body, a network error or a timeout is a failed post with the reason, never an exception.
/// </summary>
public sealed class HttpPostingTarget : IPostingTarget, IDisposable
{
    private const string ApiKeyHeader = "x-api-key";
    private const int MaxAnswerBytes = 1 << 20;

    private readonly HttpPostingOptions _options;
    private readonly HttpClient _client;

    public HttpPostingTarget(HttpPostingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Connections, 1, nameof(options));
        _options = options;
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = options.Connections,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5), // a long run still notices DNS changes behind an invoke URL
            ConnectTimeout = TimeSpan.FromSeconds(10),
            UseCookies = false,
            AllowAutoRedirect = false, // a redirect means a wrong --api; following it would turn PUT/POST into GET
        };
        _client = new HttpClient(handler) { Timeout = options.Timeout, MaxResponseContentBufferSize = MaxAnswerBytes };
        _client.DefaultRequestHeaders.UserAgent.ParseAdd("pinterest-modular-emulator/1.0");
        if (!string.IsNullOrEmpty(options.ApiKey))
        {
            _client.DefaultRequestHeaders.Add(ApiKeyHeader, options.ApiKey);
        }
    }

    public async Task<PostOutcome> PostAsync(Destination destination, IReadOnlyList<ReadOnlyMemory<byte>> rows, CancellationToken cancellationToken)
    {
        using var request = PipelineRequests.Create(_options.Api, destination, rows, _options.PartitionKeys);
        try
        {
            using var response = await _client.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return new PostOutcome(false, string.Create(CultureInfo.InvariantCulture, $"{(int)response.StatusCode} {PostingAnswer.Excerpt(body)}"));
            }

            return PostingAnswer.FailureIn(destination.Route, body) is { } failure
                ? new PostOutcome(false, string.Create(CultureInfo.InvariantCulture, $"{(int)response.StatusCode} {failure}"))
                : PostOutcome.Ack;
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or System.Net.Sockets.SocketException)
        {
            // HttpClient lets a bare SocketException out when the API resets a connection as it opens.
            return new PostOutcome(false, $"{request.Method} {request.RequestUri}: {ex.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new PostOutcome(false, $"{request.Method} {request.RequestUri}: no answer within {_options.Timeout.TotalSeconds:N0} s.");
        }
    }

    public void Dispose() => _client.Dispose();
}
