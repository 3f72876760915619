using Microsoft.Extensions.DependencyInjection;
using Pinterest.Modular.Application.Routing;
using Pinterest.Modular.Application.Scheduling;

namespace Pinterest.Modular.Infrastructure.Kinesis.Worker;

/// <summary>
/// Per shard, from the warehouse alone (no Kinesis call): the records all hosts put into it against those stored, the
/// last stored sequence number, and the worker holding its lease. Shards nothing was put into, stored from or leased
/// are left out.
/// </summary>
public sealed class KinesisShardMonitor(RouteTable routes, ILeaseStore leases, IServiceScopeFactory scopes, TimeProvider clock) : IShardMonitor
{
    public async Task<IReadOnlyList<ShardProgress>> GetShardsAsync(CancellationToken cancellationToken)
    {
        var checkpoints = await KinesisCheckpoints.ReadAsync(scopes, KinesisCheckpoints.Scope, cancellationToken);
        var stored = await KinesisCheckpoints.ReadAsync(scopes, KinesisCheckpoints.StoredScope, cancellationToken);
        var accepted = (await KinesisCheckpoints.ReadAsync(scopes, KinesisCheckpoints.AcceptedScope, cancellationToken))
            .GroupBy(mark => KinesisCheckpoints.ShardKeyOfAccepted(mark.Key), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(mark => KinesisCheckpoints.ParseStored(mark.Value)), StringComparer.Ordinal);
        var now = clock.GetUtcNow();
        var owners = (await leases.ListAsync(KinesisLeaseNames.ShardPrefix, cancellationToken))
            .Where(lease => lease.ExpiresAt > now)
            .ToDictionary(lease => lease.Name[KinesisLeaseNames.ShardPrefix.Length..], lease => lease.Owner, StringComparer.Ordinal);

        var result = new List<ShardProgress>();
        foreach (var stream in routes.Streams)
        {
            var prefix = KinesisCheckpoints.Key(stream.Name, string.Empty);
            var keys = checkpoints.Keys.Concat(stored.Keys).Concat(accepted.Keys).Concat(owners.Keys)
                .Where(key => key.StartsWith(prefix, StringComparison.Ordinal))
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal);
            foreach (var key in keys)
            {
                result.Add(new ShardProgress(
                    stream,
                    key[prefix.Length..],
                    accepted.GetValueOrDefault(key),
                    KinesisCheckpoints.ParseStored(stored.GetValueOrDefault(key)),
                    checkpoints.GetValueOrDefault(key),
                    owners.GetValueOrDefault(key)));
            }
        }

        return result;
    }
}
