using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Pinterest.Modular.Application.Common;
using Pinterest.Modular.Infrastructure.Kafka;
using Pinterest.Modular.Tests.Integration.Api;
using Pinterest.Modular.Tests.Integration.Support;

namespace Pinterest.Modular.Tests.Integration.Kafka;

/// <summary>
/// Two hosts in one sink group sharing a warehouse: each one's <c>/api/cluster</c> lists the Kafka partitions every
/// host's sink member owns, as the group assigned them, and follows the assignment when a host leaves.
/// </summary>
public sealed class KafkaClusterViewTests(KafkaMockCluster cluster) : IClassFixture<KafkaMockCluster>, IDisposable
{
    private const int Partitions = 12; // 3 topics × 4 partitions on the mock

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private static readonly JsonSerializerOptions ShowFields = new() { IncludeFields = true };

    private readonly TempDir _shared = new("pm-kafka-cluster-");

    [Fact]
    public async Task Cluster_ListsThePartitionsEachHostsSinkOwns_OnEveryHost_AndFollowsARebalance()
    {
        var a = await StartAsync("sink-a");
        await using var b = await StartAsync("sink-b");
        try
        {
            var sinkA = a.Services.GetRequiredService<KafkaLandingSink>();
            var sinkB = b.Services.GetRequiredService<KafkaLandingSink>();
            await UntilAsync(
                () => Task.FromResult((sinkA.Assignment.Count, sinkB.Assignment.Count)),
                counts => counts.Item1 > 0 && counts.Item2 > 0 && counts.Item1 + counts.Item2 == Partitions,
                "the group to share the partitions between both members");

            foreach (var asking in new[] { a, b })
            {
                var seen = await UntilAsync(
                    () => KafkaHoldsAsync(asking),
                    holds => holds.GetValueOrDefault("sink-a")?.SetEquals(Rows(sinkA)) == true
                        && holds.GetValueOrDefault("sink-b")?.SetEquals(Rows(sinkB)) == true,
                    $"{asking.Services.GetRequiredService<HostIdentity>().Name}'s view to match each member's assignment");
                seen.Values.SelectMany(h => h).Should().OnlyHaveUniqueItems().And.HaveCount(Partitions);
            }
        }
        finally
        {
            await a.DisposeAsync();
        }

        await UntilAsync(
            () => KafkaHoldsAsync(b),
            holds => holds.Keys.SequenceEqual(["sink-b"]) && holds["sink-b"].Count == Partitions,
            "b to own and show every partition once a stopped cleanly");
    }

    public void Dispose() => _shared.Dispose();

    private static HashSet<string> Rows(KafkaLandingSink sink) =>
        sink.Assignment.Select(KafkaAssignmentPublisher.RowName).ToHashSet(StringComparer.Ordinal);

    /// <summary>Each live host's <c>kafka/</c> holds, as <c>/api/cluster</c> shows them.</summary>
    private static async Task<Dictionary<string, HashSet<string>>> KafkaHoldsAsync(ApiServer server)
    {
        var body = await server.Client.GetJsonAsync("api/cluster");
        return body.GetProperty("hosts").EnumerateArray().ToDictionary(
            h => h.GetProperty("name").GetString()!,
            h => h.GetProperty("holds").EnumerateArray()
                .Select(e => e.GetString()!)
                .Where(n => n.StartsWith(KafkaAssignmentPublisher.Prefix, StringComparison.Ordinal))
                .ToHashSet(StringComparer.Ordinal));
    }

    private static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what)
    {
        var until = DateTime.UtcNow + Deadline;
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"Waited {Deadline.TotalSeconds} s for {what}; last seen: {JsonSerializer.Serialize(value, ShowFields)}");
            }

            await Task.Delay(200);
        }
    }

    private Task<ApiServer> StartAsync(string hostName)
    {
        var settings = cluster.HostSettings("kcv");
        settings["Kafka:ConsumerGroup"] = "kafka-cluster-view";
        settings["Cluster:HostName"] = hostName;
        settings["ConnectionStrings:Warehouse"] = $"Data Source={_shared.Combine("warehouse.db")}";
        return ApiServer.StartAsync(settings);
    }
}
