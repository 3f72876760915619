using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Pinterest.Modular.Application.Common;
using Pinterest.Modular.Application.Scheduling;

namespace Pinterest.Modular.Application.Cluster;

/// <summary>
/// Says in the warehouse that this host is alive: a lease <c>hosts/&lt;name&gt;</c> renewed every third of
/// <see cref="Duration"/>, whose owner carries the host's process and start time. Released at a clean stop, so the host
/// leaves the cluster view at once; a killed host's lease lapses after <see cref="Duration"/>, and any live host then
/// removes it.
/// </summary>
public sealed class HostPresence(HostIdentity host, ILeaseStore leases, TimeProvider clock, ILogger<HostPresence> logger) : BackgroundService
{
    public const string Prefix = "hosts/";

    public static readonly TimeSpan Duration = TimeSpan.FromSeconds(30);

    public string LeaseName => Prefix + host.Name;

    /// <summary><c>&lt;process prefix&gt;|&lt;start time, ISO 8601&gt;</c>: read back by <see cref="ClusterView"/>.</summary>
    public string Owner => $"{HostIdentity.ProcessPrefix}|{host.StartedAt.ToString("O", CultureInfo.InvariantCulture)}";

    public static (string ProcessPrefix, DateTimeOffset? StartedAt) ParseOwner(string owner)
    {
        ArgumentNullException.ThrowIfNull(owner);
        var bar = owner.LastIndexOf('|');
        return bar >= 0 && DateTimeOffset.TryParse(owner[(bar + 1)..], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var started)
            ? (owner[..bar], started)
            : (owner, null);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var now = clock.GetUtcNow();
                if (!await leases.RenewAsync(LeaseName, Owner, now + Duration, stoppingToken)
                    && !await leases.TryAcquireAsync(LeaseName, Owner, now, now + Duration, stoppingToken))
                {
                    logger.LogWarning("Another live process calls itself {Host}; set {Key} uniquely", host.Name, HostIdentity.NameKey);
                }

                await RemoveLapsedAsync(now, stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Could not renew the presence of {Host}; trying again", host.Name);
            }

            try
            {
                await Task.Delay(Duration / 3, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await leases.ReleaseAsync(LeaseName, Owner, cancellationToken);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not release the presence of {Host}; it lapses by itself", host.Name);
        }
    }

    /// <summary>Dead hosts' presences (lapsed): removed, each only while its owner is still the one that lapsed.</summary>
    private async Task RemoveLapsedAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var lapsed in (await leases.ListAsync(Prefix, cancellationToken)).Where(l => l.ExpiresAt <= now && l.Name != LeaseName))
        {
            await leases.ReleaseAsync(lapsed.Name, lapsed.Owner, cancellationToken);
        }
    }
}
