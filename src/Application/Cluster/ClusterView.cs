using Pinterest.Modular.Application.Batch;
using Pinterest.Modular.Application.Scheduling;

namespace Pinterest.Modular.Application.Cluster;

/// <summary>A live host: its name, when it started and was last seen, the leases it holds (by name) and whether it runs the batch job now.</summary>
public sealed record ClusterHost(string Name, DateTimeOffset? StartedAt, DateTimeOffset LastSeen, IReadOnlyList<string> Holds, bool RunsBatchJob);

/// <summary>
/// The hosts sharing this warehouse, from the leases alone: every unlapsed presence (<see cref="HostPresence"/>) with the
/// work leases whose owner is that host's name (Kinesis shards: <c>kinesis/&lt;stream&gt;/&lt;shard&gt;</c>) and the
/// batch-job lease when its owner is that host's process.
/// </summary>
public sealed class ClusterView(ILeaseStore leases, TimeProvider clock)
{
    public async Task<IReadOnlyList<ClusterHost>> GetHostsAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var all = (await leases.ListAsync(string.Empty, cancellationToken)).Where(l => l.ExpiresAt > now).ToList();
        var batchJob = all.FirstOrDefault(l => l.Name == LeasedBatchJob.LeaseName);
        var hosts = new List<ClusterHost>();
        foreach (var presence in all.Where(l => l.Name.StartsWith(HostPresence.Prefix, StringComparison.Ordinal)).OrderBy(l => l.Name, StringComparer.Ordinal))
        {
            var name = presence.Name[HostPresence.Prefix.Length..];
            var (process, startedAt) = HostPresence.ParseOwner(presence.Owner);
            // A lease named after its owner is a presence (this one, the Kinesis worker's), not work the host holds.
            var holds = all
                .Where(l => l.Owner == name && !l.Name.EndsWith("/" + name, StringComparison.Ordinal))
                .Select(l => l.Name)
                .Order(StringComparer.Ordinal)
                .ToList();
            hosts.Add(new ClusterHost(
                name, startedAt, presence.ExpiresAt - HostPresence.Duration, holds, batchJob is not null && batchJob.Owner.StartsWith(process, StringComparison.Ordinal)));
        }

        return hosts;
    }
}
