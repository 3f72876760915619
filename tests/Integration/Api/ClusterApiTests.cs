using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Pinterest.Modular.Application.Batch;
using Pinterest.Modular.Application.Common;
using Pinterest.Modular.Application.Routing;
using Pinterest.Modular.Application.Scheduling;

namespace Pinterest.Modular.Tests.Integration.Api;

/// <summary>
/// <c>GET /api/cluster</c> on two hosts sharing one warehouse (each with its own data directory), named by
/// <c>Cluster:HostName</c> or by default (machine/pid/random: the same process for both here, so only the host's own
/// name can tell them apart).
/// </summary>
public sealed class ClusterApiTests : IDisposable
{
    private readonly TempDir _shared = new("pm-cluster-");

    [Theory]
    [InlineData("etl-a", "etl-b")]
    [InlineData(null, null)]
    public async Task Cluster_ShowsWhichHostRunsTheBatchJob_AndTheRunEachRan(string? nameA, string? nameB)
    {
        await using var a = await StartAsync(nameA);
        await using var b = await StartAsync(nameB);
        var hostA = a.Services.GetRequiredService<HostIdentity>().Name;
        var hostB = b.Services.GetRequiredService<HostIdentity>().Name;
        if (nameA is not null)
        {
            hostA.Should().Be(nameA);
            hostB.Should().Be(nameB);
        }

        await OperationsRecords.PostAsync(a, Route.Batch, OperationsRecords.Topic("pin"), OperationsRecords.Pin(1));
        var run = (await a.Client.RunBatchJobAsync()).Ended;
        run.GetProperty("host").GetString().Should().Be(hostA);
        (await b.Client.GetJsonAsync($"api/jobs/batch/{run.GetProperty("id").GetInt64()}")).GetProperty("host").GetString().Should().Be(hostA);

        var cluster = await b.Client.PollAsync("api/cluster", c => c.GetProperty("hosts").GetArrayLength() == 2);
        cluster.GetProperty("answered_by").GetString().Should().Be(hostB);
        var byName = Hosts(cluster);
        byName.Keys.Should().BeEquivalentTo([hostA, hostB]);
        byName[hostA].GetProperty("batch_run").GetProperty("id").GetInt64().Should().Be(run.GetProperty("id").GetInt64());
        byName[hostB].GetProperty("batch_run").ValueKind.Should().Be(JsonValueKind.Null, "b ran no batch run");
        byName.Values.Should().OnlyContain(h => !h.GetProperty("runs_batch_job").GetBoolean(), "the run has ended");

        await using (var held = await a.Services.GetRequiredService<Leases>().TryAcquireAsync(LeasedBatchJob.LeaseName, TimeSpan.FromMinutes(1), CancellationToken.None))
        {
            held.Should().NotBeNull();
            var whileHeld = Hosts(await b.Client.GetJsonAsync("api/cluster"));
            whileHeld[hostA].GetProperty("runs_batch_job").GetBoolean().Should().BeTrue("a holds the batch-job lease");
            whileHeld[hostB].GetProperty("runs_batch_job").GetBoolean().Should().BeFalse("b does not, though it may share a's machine and process");
        }
    }

    public void Dispose() => _shared.Dispose();

    private static Dictionary<string, JsonElement> Hosts(JsonElement cluster) =>
        cluster.GetProperty("hosts").EnumerateArray().ToDictionary(h => h.GetProperty("name").GetString()!, h => h.Clone());

    private Task<ApiServer> StartAsync(string? hostName) =>
        ApiServer.StartAsync(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Warehouse"] = $"Data Source={_shared.Combine("warehouse.db")}",
            ["Cluster:HostName"] = hostName,
        });
}
