using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Pinterest.Modular.Application.Common;

/// <summary>
/// This process among the hosts sharing a warehouse: its name (<c>Cluster:HostName</c>, by default machine, process id
/// and a random part; the Kinesis worker uses it as its worker id unless <c>Kinesis:Worker:WorkerId</c> is set) and
/// when it started.
/// </summary>
public sealed class HostIdentity(string name, DateTimeOffset startedAt)
{
    public const string NameKey = "Cluster:HostName";

    private const char OwnerSeparator = '#';
    private const int RandomLength = 8;

    public string Name { get; } = name;

    public DateTimeOffset StartedAt { get; } = startedAt;

    /// <summary>Machine and process: what <see cref="DefaultName"/> starts with.</summary>
    public static string ProcessPrefix => $"{Environment.MachineName}/{Environment.ProcessId}/";

    public static string DefaultName() => ProcessPrefix + RandomPart();

    /// <summary>
    /// The owner of one lease this host takes (the batch-job lease, a schedule's claim): its name, <c>#</c> and a
    /// random part, so two holders in one process still exclude each other, and any host can tell whose it is
    /// (<see cref="Owns"/>) whatever the naming.
    /// </summary>
    public string NewLeaseOwner() => $"{Name}{OwnerSeparator}{RandomPart()}";

    /// <summary>Whether <paramref name="owner"/> came from <see cref="NewLeaseOwner"/> of the host named <paramref name="hostName"/>.</summary>
    public static bool Owns(string hostName, string owner)
    {
        ArgumentNullException.ThrowIfNull(hostName);
        ArgumentNullException.ThrowIfNull(owner);
        return owner.Length == hostName.Length + 1 + RandomLength
            && owner[hostName.Length] == OwnerSeparator
            && owner.StartsWith(hostName, StringComparison.Ordinal);
    }

    /// <summary>The name from <c>Cluster:HostName</c> (or <see cref="DefaultName"/>), started now.</summary>
    public static HostIdentity From(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var configured = services.GetService<IConfiguration>()?[NameKey];
        var clock = services.GetService<TimeProvider>() ?? TimeProvider.System;
        return new HostIdentity(string.IsNullOrWhiteSpace(configured) ? DefaultName() : configured.Trim(), clock.GetUtcNow());
    }

    private static string RandomPart() => Guid.NewGuid().ToString("N")[..RandomLength];
}
