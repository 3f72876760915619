using System.ComponentModel.DataAnnotations;
using Pinterest.Modular.Application.Scheduling;

namespace Pinterest.Modular.Application.Batch;

/// <summary>Configuration section <c>BatchJob</c>.</summary>
public sealed class BatchJobOptions
{
    public const string Section = "BatchJob";

    /// <summary>The longest <see cref="LeaseDuration"/> accepted: past that a dead host blocks the job for too long to be meant.</summary>
    public static readonly TimeSpan MaxLeaseDuration = TimeSpan.FromDays(1);

    /// <summary><c>BatchJob:ChunkRecords</c>: records per clean-and-persist transaction.</summary>
    [Range(1, 1_000_000)]
    public int ChunkRecords { get; set; } = 20_000;

    /// <summary>
    /// <c>BatchJob:LeaseDuration</c> (<c>hh:mm:ss</c>): how long the batch-job lease lasts without renewal. A run in
    /// progress renews it every third of this, so a run may take any time; a host that dies during a run holds the
    /// next run (on any host) back for at most this long, and its run is shown failed once it has lapsed. Hosts that
    /// share a warehouse should agree on it.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = Leases.DefaultDuration;
}
