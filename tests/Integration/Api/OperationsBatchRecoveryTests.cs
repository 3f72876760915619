using Microsoft.Extensions.DependencyInjection;
using Pinterest.Modular.Application.Batch;

namespace Pinterest.Modular.Tests.Integration.Api;

/// <summary>The run queue lives in memory; what a stopped process left in the run store is picked up at the next start.</summary>
public sealed class OperationsBatchRecoveryTests
{
    [Fact]
    public async Task Start_AfterAProcessLeftRunsQueuedAndRunning_RunsTheQueuedAndFailsTheRunning()
    {
        using var dataDir = new TempDir("pm-recovery-");
        long queuedId, runningId;
        await using (var before = await ApiServer.StartAsync(dataDir: dataDir.Path))
        {
            // Recorded in the store but never handed to that process's runner: as if it stopped right after.
            var store = before.Services.GetRequiredService<IBatchRunStore>();
            var running = await store.CreateAsync("api", DateTimeOffset.UtcNow, CancellationToken.None);
            await store.UpdateAsync(running with { Status = BatchRunStatus.Running, StartedAt = DateTimeOffset.UtcNow }, CancellationToken.None);
            queuedId = (await store.CreateAsync("api", DateTimeOffset.UtcNow, CancellationToken.None)).Id;
            runningId = running.Id;
        }

        await using var after = await ApiServer.StartAsync(dataDir: dataDir.Path);

        var queued = await after.Client.PollAsync($"api/jobs/batch/{queuedId}", r => r.GetProperty("status").GetString() is "succeeded" or "failed");
        var interrupted = await after.Client.GetJsonAsync($"api/jobs/batch/{runningId}");
        queued.GetProperty("status").GetString().Should().Be("succeeded");
        interrupted.GetProperty("status").GetString().Should().Be("failed");
        interrupted.GetProperty("error").GetString().Should().Contain("stopped");
        interrupted.GetProperty("finished_at").ValueKind.Should().NotBe(System.Text.Json.JsonValueKind.Null);
    }
}
