using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Pinterest.Modular.Application.Cluster;

/// <summary>
/// This process among the hosts sharing a warehouse: its name (<c>Cluster:HostName</c>, by default machine, process id
/// and a random part; the Kinesis worker uses it as its worker id unless <c>Kinesis:Worker:WorkerId</c> is set) and
/// when it started.
/// </summary>
public sealed class HostIdentity(string name, DateTimeOffset startedAt)
{
    public const string NameKey = "Cluster:HostName";

    public string Name { get; } = name;

    public DateTimeOffset StartedAt { get; } = startedAt;

    /// <summary>What lease owners taken by this process start with (the batch-job lease's owner is one per run).</summary>
    public static string ProcessPrefix => $"{Environment.MachineName}/{Environment.ProcessId}/";

    public static string DefaultName() => ProcessPrefix + Guid.NewGuid().ToString("N")[..8];

    /// <summary>The name from <c>Cluster:HostName</c> (or <see cref="DefaultName"/>), started now.</summary>
    public static HostIdentity From(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var configured = services.GetService<IConfiguration>()?[NameKey];
        var clock = services.GetService<TimeProvider>() ?? TimeProvider.System;
        return new HostIdentity(string.IsNullOrWhiteSpace(configured) ? DefaultName() : configured.Trim(), clock.GetUtcNow());
    }
}
