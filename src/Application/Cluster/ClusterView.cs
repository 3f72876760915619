using Pinterest.Modular.Application.Batch;
using Pinterest.Modular.Application.Common;
using Pinterest.Modular.Application.Scheduling;

namespace Pinterest.Modular.Application.Cluster;

/// <summary>
/// A live host: its name, when it started and was last seen, the leases it holds (by name), whether it runs the batch
/// job now, and the newest batch run it ran or is running (<see cref="BatchRun"/>, null when none of the runs looked at).
/// </summary>
public sealed record ClusterHost(string Name, DateTimeOffset? StartedAt, DateTimeOffset LastSeen, IReadOnlyList<string> Holds, bool RunsBatchJob)
{
    public BatchRun? BatchRun { get; init; }
}

/// <summary>
/// The hosts sharing this warehouse, from the leases: every unlapsed presence (<see cref="HostPresence"/>) with the
/// leases whose owner is that host's name (Kinesis shards: <c>kinesis/&lt;stream&gt;/&lt;shard&gt;</c>; Kafka partitions
/// as the host last published them) and the batch-job lease when that host took it (<see cref="HostIdentity.Owns"/>).
/// </summary>
public sealed class ClusterView(ILeaseStore leases, TimeProvider clock)
{
    public Task<IReadOnlyList<ClusterHost>> GetHostsAsync(CancellationToken cancellationToken) => GetHostsAsync([], cancellationToken);

    /// <param name="recentRuns">Batch runs, newest first: each host is shown with the first one it ran.</param>
    public async Task<IReadOnlyList<ClusterHost>> GetHostsAsync(IReadOnlyList<BatchRun> recentRuns, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recentRuns);
        var now = clock.GetUtcNow();
        var all = (await leases.ListAsync(string.Empty, cancellationToken)).Where(l => l.ExpiresAt > now).ToList();
        var batchJob = all.FirstOrDefault(l => l.Name == LeasedBatchJob.LeaseName);
        var hosts = new List<ClusterHost>();
        foreach (var presence in all.Where(l => l.Name.StartsWith(HostPresence.Prefix, StringComparison.Ordinal)).OrderBy(l => l.Name, StringComparer.Ordinal))
        {
            var name = presence.Name[HostPresence.Prefix.Length..];
            var (_, startedAt) = HostPresence.ParseOwner(presence.Owner);
            // A lease named after its owner is a presence (this one, the Kinesis worker's), not work the host holds.
            var holds = all
                .Where(l => l.Owner == name && !l.Name.EndsWith("/" + name, StringComparison.Ordinal))
                .Select(l => l.Name)
                .Order(StringComparer.Ordinal)
                .ToList();
            var runsBatchJob = batchJob is not null && HostIdentity.Owns(name, batchJob.Owner);
            hosts.Add(new ClusterHost(name, startedAt, presence.ExpiresAt - HostPresence.Duration, holds, runsBatchJob)
            {
                BatchRun = recentRuns.FirstOrDefault(r => r.Host == name),
            });
        }

        return hosts;
    }
}
