namespace Pinterest.Modular.Infrastructure.Kinesis;

/// <summary>
/// Waits between tries: <c>Kinesis:RetryBaseDelay</c> doubled per retry, capped at <c>Kinesis:RetryMaxDelay</c>, of
/// which a random half is dropped, so hosts throttled together do not come back together ("equal jitter").
/// </summary>
internal sealed class KinesisBackoff(KinesisOptions options, TimeProvider time)
{
    /// <summary>The wait after the <paramref name="failedAttempts"/>-th failed try (1 for the first).</summary>
    public TimeSpan DelayAfter(int failedAttempts)
    {
        var exponent = Math.Clamp(failedAttempts - 1, 0, 20);
        var ceiling = Math.Min(options.RetryMaxDelay.Ticks, options.RetryBaseDelay.Ticks * (1L << exponent));
        if (ceiling <= 0)
        {
            return TimeSpan.Zero;
        }

        var half = ceiling / 2;
        return TimeSpan.FromTicks(ceiling - half + Random.Shared.NextInt64(half + 1));
    }

    public Task WaitAsync(int failedAttempts, CancellationToken cancellationToken) =>
        Task.Delay(DelayAfter(failedAttempts), time, cancellationToken);
}
