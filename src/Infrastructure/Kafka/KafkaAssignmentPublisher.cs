using System.Globalization;
using Confluent.Kafka;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Pinterest.Modular.Application.Cluster;
using Pinterest.Modular.Application.Common;
using Pinterest.Modular.Application.Scheduling;

namespace Pinterest.Modular.Infrastructure.Kafka;

/// <summary>
/// Publishes the partitions this host's sink member owns, so every host's cluster view shows them: only the group
/// coordinator and the member itself know the assignment. Each owned partition is a row <c>kafka/&lt;topic&gt;/&lt;partition&gt;</c>
/// in the warehouse's <c>leases</c> table, owned by this host's name and lasting as long as a presence
/// (<see cref="HostPresence.Duration"/>): written on every assignment change and renewed every third of that, released
/// when the partition is revoked or the host stops. A killed host's rows lapse with its presence. The rows only
/// describe; Kafka alone decides who reads what, so a row another host has not released yet (its revocation is a moment
/// behind) is simply tried again a second later.
/// </summary>
public sealed class KafkaAssignmentPublisher(
    KafkaLandingSink sink, ILeaseStore leases, HostIdentity host, TimeProvider clock, ILogger<KafkaAssignmentPublisher> logger)
    : BackgroundService
{
    public const string Prefix = "kafka/";

    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim _changed = new(0);
    private HashSet<string> _published = new(StringComparer.Ordinal);

    public static string RowName(TopicPartition partition)
    {
        ArgumentNullException.ThrowIfNull(partition);
        return string.Create(CultureInfo.InvariantCulture, $"{Prefix}{partition.Topic}/{partition.Partition.Value}");
    }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        sink.AssignmentChanged += OnAssignmentChanged;
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        sink.AssignmentChanged -= OnAssignmentChanged;
        await base.StopAsync(cancellationToken);
        foreach (var name in _published)
        {
            try
            {
                await leases.ReleaseAsync(name, host.Name, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Could not withdraw {Partition} from the cluster view; it lapses by itself", name);
                break;
            }
        }
    }

    public override void Dispose()
    {
        _changed.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = HostPresence.Duration / 3;
            try
            {
                if (!await PublishAsync(stoppingToken))
                {
                    wait = RetryDelay;
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Could not publish the sink's Kafka partitions for the cluster view; trying again");
                wait = RetryDelay;
            }

            try
            {
                await _changed.WaitAsync(wait, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <summary>Writes or renews a row per owned partition and releases the rest; false when a row is still another host's.</summary>
    private async Task<bool> PublishAsync(CancellationToken cancellationToken)
    {
        var owned = sink.Assignment.Select(RowName).ToHashSet(StringComparer.Ordinal);
        foreach (var gone in _published.Except(owned))
        {
            await leases.ReleaseAsync(gone, host.Name, cancellationToken);
        }

        var now = clock.GetUtcNow();
        var expiresAt = now + HostPresence.Duration;
        var published = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in owned)
        {
            if (await leases.TryAcquireAsync(name, host.Name, now, expiresAt, cancellationToken))
            {
                published.Add(name);
            }
        }

        _published = published;
        return published.Count == owned.Count;
    }

    private void OnAssignmentChanged(object? sender, EventArgs e)
    {
        if (_changed.CurrentCount == 0)
        {
            _changed.Release();
        }
    }
}
