using System.Net.Http.Headers;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;
using Microsoft.Extensions.Logging;

namespace Pinterest.Modular.Infrastructure.Kinesis;

/// <summary>
/// Posts one Kinesis operation (awsJson1_1): signs each try with SigV4, retries throttling, server errors and network
/// failures with backoff, and turns an error answer into a <see cref="KinesisException"/>.
/// </summary>
internal sealed class KinesisOperationSender
{
    public const string ContentType = "application/x-amz-json-1.1";
    public const string TargetPrefix = "Kinesis_20131202.";
    public const string SigningService = "kinesis";

    private static readonly MediaTypeHeaderValue JsonContentType = new(ContentType);

    private readonly HttpClient _http;
    private readonly KinesisOptions _options;
    private readonly AWSSigV4Parameters _signing;
    private readonly KinesisBackoff _backoff;
    private readonly ILogger _logger;
    private readonly Uri _endpoint;

    public KinesisOperationSender(HttpClient http, KinesisOptions options, AWSCredentials credentials, TimeProvider time, ILogger logger)
    {
        _http = http;
        _options = options;
        _endpoint = options.Endpoint;
        _backoff = new KinesisBackoff(options, time);
        _logger = logger;
        _signing = new AWSSigV4Parameters
        {
            Credentials = credentials,
            Region = RegionEndpoint.GetBySystemName(options.Region),
            Service = SigningService,
        };
    }

    public KinesisBackoff Backoff => _backoff;

    /// <summary>The answer's body (empty for operations that answer nothing), or the error of the last try.</summary>
    public async Task<byte[]> SendAsync(string operation, byte[] body, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            KinesisException failure;
            try
            {
                return await SendOnceAsync(operation, body, cancellationToken);
            }
            catch (KinesisException ex) when (KinesisErrorResponse.IsRetryable(ex))
            {
                failure = ex;
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or System.Net.Sockets.SocketException)
            {
                // A bare SocketException escapes HttpClient when the peer resets a connection as it opens.
                failure = new KinesisException(
                    KinesisErrorResponse.Unreachable, $"{_options.Describe()} did not answer {operation} after {attempt} attempt(s): {ex.Message}", 0, ex);
            }
            catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                failure = new KinesisException(
                    KinesisErrorResponse.TimedOut,
                    $"{_options.Describe()} did not answer {operation} within Kinesis:RequestTimeout ({_options.RequestTimeout}), {attempt} attempt(s).",
                    0,
                    ex);
            }

            if (attempt >= _options.MaxAttempts)
            {
                throw failure;
            }

            _logger.LogDebug("Kinesis {Operation} attempt {Attempt} failed ({ErrorType}); retrying", operation, attempt, failure.ErrorType);
            await _backoff.WaitAsync(attempt, cancellationToken);
        }
    }

    private async Task<byte[]> SendOnceAsync(string operation, byte[] body, CancellationToken cancellationToken)
    {
        var target = TargetPrefix + operation;
        var signingRequest = new AWSSigningRequest { HttpMethod = HttpMethod.Post, RequestUri = _endpoint, Content = body };
        signingRequest.Headers["Content-Type"] = ContentType;
        signingRequest.Headers["X-Amz-Target"] = target;
        var signed = await AWSSigV4Signer.SignAsync(signingRequest, _signing, cancellationToken);

        // ByteArrayContent with the bare media type: StringContent would add "; charset=utf-8", which was not signed.
        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = JsonContentType;
        request.Headers.TryAddWithoutValidation("X-Amz-Target", target);
        foreach (var (name, value) in signed.Headers)
        {
            if (!name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        var answer = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var status = (int)response.StatusCode;
        return status < 400 ? answer : throw KinesisErrorResponse.Read(status, response.Headers, answer);
    }
}
