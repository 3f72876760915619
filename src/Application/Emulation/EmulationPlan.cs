using System.ComponentModel.DataAnnotations;
using Pinterest.Modular.Application.Routing;

namespace Pinterest.Modular.Application.Emulation;

/// <summary>
/// How to post: <paramref name="Events"/> posting events (a pin, its geo and its user row each), on the given routes.
/// <paramref name="Random"/> picks a random offset 0..11000 per event from a seeded RNG, as the AWS loop did;
/// <paramref name="AwsPauses"/> adds that loop's sleep of 0 or 1 s between events (when no rate is set). In order, the
/// events read rows <paramref name="StartOffset"/>, <paramref name="StartOffset"/> + 1, ... (wrapping at the end).
/// <paramref name="Duration"/> stops the run once that long has passed, whatever events remain.
/// </summary>
public sealed record EmulationPlan(
    long Events,
    IReadOnlyList<Route> Routes,
    bool Random = false,
    int Seed = 1,
    double? RatePerSecond = null,
    int Concurrency = 1,
    int RecordsPerRequest = 1,
    bool AwsPauses = false,
    long StartOffset = 0,
    TimeSpan? Duration = null)
{
    /// <summary>The AWS emulator's <c>randint(0, 11000)</c>.</summary>
    public const int MaxRandomOffset = 11000;

    public IEnumerable<ValidationResult> Validate()
    {
        if (Events < 1)
        {
            yield return new ValidationResult("--events must be at least 1.");
        }

        if (Routes.Count == 0)
        {
            yield return new ValidationResult("at least one route is needed.");
        }

        if (RatePerSecond is <= 0)
        {
            yield return new ValidationResult("--rate must be above 0 events per second.");
        }

        if (Duration is { } duration && duration <= TimeSpan.Zero)
        {
            yield return new ValidationResult("--duration must be above 0.");
        }

        if (StartOffset < 0)
        {
            yield return new ValidationResult("--start-offset must be 0 or more.");
        }

        if (StartOffset > 0 && Random)
        {
            yield return new ValidationResult("--start-offset does not apply with --random.");
        }

        if (Concurrency is < 1 or > 256)
        {
            yield return new ValidationResult("--concurrency must be 1..256.");
        }

        if (RecordsPerRequest is < 1 or > 500)
        {
            yield return new ValidationResult("--records-per-request must be 1..500.");
        }
    }
}

/// <summary>What a run of the emulator did: records sent, acknowledged and failed; requests per second; request latency.</summary>
public sealed record EmulationSummary(
    long Events,
    long Sent,
    long Acknowledged,
    long Failed,
    long Requests,
    TimeSpan Elapsed,
    double P50Milliseconds,
    double P99Milliseconds,
    IReadOnlyList<string> SampleErrors)
{
    public double RequestsPerSecond => Elapsed.TotalSeconds > 0 ? Requests / Elapsed.TotalSeconds : 0;
}
