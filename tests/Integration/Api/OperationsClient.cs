using System.Net;
using System.Text.Json;

namespace Pinterest.Modular.Tests.Integration.Api;

/// <summary>Plain-HttpClient steps the operations tests share: read JSON, queue a batch run and wait for its end.</summary>
internal static class OperationsClient
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(expected, body);
        using var document = JsonDocument.Parse(body);
        return document.RootElement.Clone();
    }

    /// <summary>POSTs a run, checks the 202 answer, and follows its Location until the run has ended.</summary>
    public static async Task<(JsonElement Queued, string Location, JsonElement Ended)> RunBatchJobAsync(this HttpClient client, string pathBase = "")
    {
        using var response = await client.PostAsync(new Uri(pathBase.TrimStart('/') + (pathBase.Length > 0 ? "/" : "") + "api/jobs/batch", UriKind.Relative), null);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Accepted, body);
        var location = response.Headers.Location?.OriginalString;
        location.Should().NotBeNull("202 names where to follow the run");
        JsonElement queued;
        using (var document = JsonDocument.Parse(body))
        {
            queued = document.RootElement.Clone();
        }

        var ended = await client.PollAsync(location!.TrimStart('/'), run => run.GetProperty("status").GetString() is "succeeded" or "failed");
        return (queued, location, ended);
    }

    /// <summary>GETs <paramref name="path"/> until <paramref name="done"/> holds, or fails after the deadline.</summary>
    public static Task<JsonElement> PollAsync(this HttpClient client, string path, Func<JsonElement, bool> done) =>
        Poll.UntilAsync(() => client.GetJsonAsync(path), done, $"GET {path} to reach the expected state", Deadline);
}
