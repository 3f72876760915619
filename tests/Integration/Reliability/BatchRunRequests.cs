using System.Net;
using System.Text.Json;

namespace Pinterest.Modular.Tests.Integration.Reliability;

/// <summary>Queues a batch run through the API without following it, for tests that act while it is in progress.</summary>
internal static class BatchRunRequests
{
    /// <summary>POST /api/jobs/batch; answers the queued run's id.</summary>
    public static async Task<long> QueueAsync(HttpClient client)
    {
        using var response = await client.PostAsync(new Uri("api/jobs/batch", UriKind.Relative), null);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Accepted, body);
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("id").GetInt64();
    }
}
