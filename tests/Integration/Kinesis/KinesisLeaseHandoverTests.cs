using Pinterest.Modular.Application.Scheduling;
using Pinterest.Modular.Infrastructure.Kinesis.Worker;
using Pinterest.Modular.Tests.Integration.Telemetry;

namespace Pinterest.Modular.Tests.Integration.Kinesis;

/// <summary>
/// Two workers on one SQLite warehouse file and one 4-shard stream (kinesalite): one in this process, one a
/// <c>serve</c> child process that is killed, as a host that crashes.
/// </summary>
public sealed class KinesisLeaseHandoverTests : IDisposable
{
    private const int Shards = 4;
    private readonly KinesisTestStream _stream = new("lease", Shards);

    private string Stream => _stream.Name;

    private Dictionary<string, string?> Settings(string host) => _stream.Settings(host);

    [Fact]
    public async Task TwoWorkers_ShareTheShards_StoreEachRecordOnce_AndTheSurvivorTakesTheLostHostsShardsAfterExpiry()
    {
        await using var local = await KinesisWorkerHost.StartAsync(Settings("local"));
        var leases = local.LeaseStore;
        Directory.CreateDirectory(_stream.DataDir("remote"));
        var remote = ServeProcess.Start(_stream.DataDir("remote"), Environment(Settings("remote")));
        try
        {
            var owners = await Poll.UntilAsync(
                () => ShardOwnersAsync(leases),
                o => o.Count == 2 && o.Values.All(count => count == 2),
                "each worker to hold two of the four shards", Poll.ChildHostDeadline);
            owners.Keys.Should().BeEquivalentTo(["local", "remote"]);

            await KinesisPins.PutAsync(local.Kinesis, Stream, 0, 400);
            await Poll.UntilAsync(local.StoredAsync, stored => stored >= 400, "400 records stored by the two workers", Poll.ChildHostDeadline);
        }
        finally
        {
            await remote.DisposeAsync(); // killed: its leases stay until they expire
        }

        var lost = (await leases.ListAsync(KinesisLeaseNames.ShardPrefix, CancellationToken.None)).Where(l => l.Owner == "remote").ToList();
        lost.Should().HaveCount(2);
        await KinesisPins.PutAsync(local.Kinesis, Stream, 400, 200);
        await Poll.UntilAsync(() => Task.FromResult(local.Worker.HeldShards.Count), held => held == Shards, "the survivor to take all four shards", Poll.ChildHostDeadline);
        DateTimeOffset.UtcNow.Should().BeOnOrAfter(lost.Min(l => l.ExpiresAt), "the lost host's shards wait for their leases to expire");
        await Poll.UntilAsync(local.StoredAsync, stored => stored >= 600, "every record stored", Poll.ChildHostDeadline);

        await Task.Delay(TimeSpan.FromSeconds(1));
        (await local.StoredAsync()).Should().Be(600, "no record is processed twice");
        (await local.Warehouse.CountAsync(CancellationToken.None)).Pins.Should().Be(600, "no record is skipped");
    }

    public void Dispose() => _stream.Dispose();

    private static async Task<Dictionary<string, int>> ShardOwnersAsync(ILeaseStore leases)
    {
        var now = DateTimeOffset.UtcNow;
        var held = await leases.ListAsync(KinesisLeaseNames.ShardPrefix, CancellationToken.None);
        return held.Where(l => l.ExpiresAt > now).GroupBy(l => l.Owner).ToDictionary(g => g.Key, g => g.Count());
    }

    /// <summary>The same settings as environment variables for the child process, with keys kinesalite accepts.</summary>
    private static Dictionary<string, string> Environment(Dictionary<string, string?> settings)
    {
        var environment = settings.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value ?? "");
        environment["Scheduler__Enabled"] = "false";
        environment["AWS_ACCESS_KEY_ID"] = "test";
        environment["AWS_SECRET_ACCESS_KEY"] = "test";
        return environment;
    }
}
