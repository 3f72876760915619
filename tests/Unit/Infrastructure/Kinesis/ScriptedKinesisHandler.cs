using System.Net;
using System.Text;

namespace Pinterest.Modular.Tests.Unit.Infrastructure.Kinesis;

/// <summary>
/// Kinesis as a script: each request takes the next answer (a status and body computed from the request, or an
/// exception as the network would throw it). Records every request with its headers and body.
/// </summary>
internal sealed class ScriptedKinesisHandler : HttpMessageHandler
{
    private readonly Queue<Func<SentRequest, HttpResponseMessage>> _answers = new();
    private readonly List<SentRequest> _requests = [];
    private readonly Lock _gate = new();

    public IReadOnlyList<SentRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    public ScriptedKinesisHandler Answer(int status, string body, string? errorTypeHeader = null) =>
        Answer(_ => (status, body), errorTypeHeader);

    public ScriptedKinesisHandler Answer(Func<SentRequest, (int Status, string Body)> answer, string? errorTypeHeader = null)
    {
        _answers.Enqueue(request =>
        {
            var (status, body) = answer(request);
            var response = new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent(body, Encoding.UTF8, "application/x-amz-json-1.1") };
            if (errorTypeHeader is not null)
            {
                response.Headers.TryAddWithoutValidation("X-Amzn-Errortype", errorTypeHeader);
            }

            return response;
        });
        return this;
    }

    /// <summary>The same answer for the next <paramref name="times"/> requests.</summary>
    public ScriptedKinesisHandler AnswerTimes(int times, int status, string body)
    {
        for (var i = 0; i < times; i++)
        {
            Answer(status, body);
        }

        return this;
    }

    public ScriptedKinesisHandler Throw(Exception error)
    {
        _answers.Enqueue(_ => throw error);
        return this;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        var headers = request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
            .ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        var sent = new SentRequest(request.Method, request.RequestUri!, headers, body);
        Func<SentRequest, HttpResponseMessage> answer;
        lock (_gate)
        {
            _requests.Add(sent);
            answer = _answers.Count > 0
                ? _answers.Dequeue()
                : throw new InvalidOperationException($"No answer scripted for request {_requests.Count}: {sent.Target} {body}");
        }

        return answer(sent);
    }
}

internal sealed record SentRequest(HttpMethod Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string Target => Headers.TryGetValue("X-Amz-Target", out var target) ? target : "";
}
