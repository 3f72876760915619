using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Pinterest.Modular.Application.Batch;
using Pinterest.Modular.Application.Scheduling;

namespace Pinterest.Modular.Tests.Integration.Api.Abuse;

/// <summary>Flooding <c>POST /api/jobs/batch</c> (issue 17): requests coalesce onto the run still queued.</summary>
public sealed class BatchRunFloodTests
{
    [Fact]
    public async Task ManyRunRequests_WhileARunIsQueued_AllGetThatRun_AndTheQueueHoldsOne()
    {
        await using var server = await ApiServer.StartAsync();

        // Another host's run holds the lease, so what is queued here stays queued while the requests arrive.
        var leases = server.Services.GetRequiredService<ILeaseStore>();
        var now = DateTimeOffset.UtcNow;
        (await leases.TryAcquireAsync(LeasedBatchJob.LeaseName, "other-host/1/0", now, now.AddMinutes(5), CancellationToken.None)).Should().BeTrue();

        var answers = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => QueueAsync(server.Client)));
        var history = JsonDocument.Parse(await server.Client.GetStringAsync(new Uri("api/jobs/batch", UriKind.Relative))).RootElement;

        answers.Select(a => a.Status).Should().AllBeEquivalentTo(HttpStatusCode.Accepted);
        answers.Select(a => a.Id).Distinct().Should().ContainSingle("every request joins the run still queued");
        history.GetArrayLength().Should().Be(1, "one run was recorded, not one per request");

        // Once that run has started, the next request queues a new one.
        await leases.ReleaseAsync(LeasedBatchJob.LeaseName, "other-host/1/0", CancellationToken.None);
        await server.Client.PollAsync($"api/jobs/batch/{answers[0].Id}", run => run.GetProperty("status").GetString() is "succeeded" or "failed");
        var next = await QueueAsync(server.Client);
        next.Id.Should().NotBe(answers[0].Id, "a request after the queued run started gets a run of its own");
    }

    private static async Task<(HttpStatusCode Status, long Id)> QueueAsync(HttpClient client)
    {
        using var response = await client.PostAsync(new Uri("api/jobs/batch", UriKind.Relative), null);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, body.RootElement.GetProperty("id").GetInt64());
    }
}
