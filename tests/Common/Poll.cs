using System.Diagnostics;

namespace Pinterest.Modular.Tests.Common;

/// <summary>
/// The one way the tests wait for an eventual outcome: read often until it shows or a deadline passes (no fixed
/// sleeps), then fail with what was waited for and the last value seen. Checks soon after each miss (1 ms), then
/// less often (doubling to 50 ms), so a fake clock's worker is seen at once and a server is not hammered.
/// </summary>
internal static class Poll
{
    /// <summary>The deadline when a test names none: a worker on this host catches up well within it.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    /// <summary>Generous: a child host process starts and kinesalite answers within it on a loaded machine.</summary>
    public static readonly TimeSpan ChildHostDeadline = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan FirstInterval = TimeSpan.FromMilliseconds(1);
    private static readonly TimeSpan LongestInterval = TimeSpan.FromMilliseconds(50);

    // A worker driven by a fake clock gets this much real time to react to each move of it.
    private static readonly TimeSpan ClockStepPause = TimeSpan.FromMilliseconds(2);

    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, Func<string> what, TimeSpan? deadline = null)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(done);
        var limit = deadline ?? Deadline;
        var waited = Stopwatch.StartNew();
        var interval = FirstInterval;
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (waited.Elapsed > limit)
            {
                throw new TimeoutException($"Waited {limit.TotalSeconds:0.#} s for {what()}; last seen: {Describe(value)}");
            }

            await Task.Delay(interval);
            interval = TimeSpan.FromTicks(Math.Min(interval.Ticks * 2, LongestInterval.Ticks));
        }
    }

    // A collection shows its first items, not its type name, so a timeout says what was there.
    private static string Describe<T>(T value) => value is System.Collections.IEnumerable items and not string
        ? $"[{string.Join(", ", items.Cast<object?>().Take(40))}{(items.Cast<object?>().Skip(40).Any() ? ", …" : "")}] ({items.Cast<object?>().Count()} items)"
        : $"{value}";

    public static Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, TimeSpan? deadline = null) =>
        UntilAsync(read, done, () => what, deadline);

    public static Task<T> UntilAsync<T>(Func<T> read, Func<T, bool> done, string what, TimeSpan? deadline = null) =>
        UntilAsync(() => Task.FromResult(read()), done, () => what, deadline);

    public static Task UntilAsync(Func<Task<bool>> done, string what, TimeSpan? deadline = null) =>
        UntilAsync(done, static value => value, () => what, deadline);

    public static Task UntilAsync(Func<bool> done, string what, TimeSpan? deadline = null) =>
        UntilAsync(() => Task.FromResult(done()), static value => value, () => what, deadline);

    /// <summary>As the others, with <paramref name="what"/> told only on a timeout (when it names values seen then).</summary>
    public static Task UntilAsync(Func<bool> done, Func<string> what, TimeSpan? deadline = null) =>
        UntilAsync(() => Task.FromResult(done()), static value => value, what, deadline);

    /// <summary>
    /// Moves <paramref name="clock"/> on by <paramref name="step"/> at a time (so readers poll, leases renew, workers
    /// balance) until <paramref name="done"/> holds, failing after a real-time deadline.
    /// </summary>
    public static async Task MovingClockUntilAsync(ManualClock clock, TimeSpan step, Func<bool> done, string what, TimeSpan? deadline = null)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(done);
        var limit = deadline ?? Deadline;
        var waited = Stopwatch.StartNew();
        while (!done())
        {
            if (waited.Elapsed > limit)
            {
                throw new TimeoutException($"Waited {limit.TotalSeconds:0.#} s (the clock at {clock.Now:O}) for {what}");
            }

            clock.Advance(step);
            await Task.Delay(ClockStepPause);
        }
    }

    /// <summary>
    /// Moves <paramref name="clock"/> to each timer as soon as one waits, until <paramref name="running"/> ends:
    /// the waits it takes (a backoff, a retry) pass at once. <paramref name="onWait"/> is told each wait's length.
    /// </summary>
    public static async Task<T> ThroughTimersAsync<T>(ManualClock clock, Task<T> running, Action<TimeSpan>? onWait = null, TimeSpan? deadline = null)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(running);
        var limit = deadline ?? Deadline;
        var waited = Stopwatch.StartNew();
        while (!running.IsCompleted)
        {
            if (clock.PendingTimers is [var due, ..])
            {
                onWait?.Invoke(due - clock.Now);
                clock.AdvanceTo(due);
            }
            else if (waited.Elapsed > limit)
            {
                throw new TimeoutException($"Waited {limit.TotalSeconds:0.#} s for a call that neither ended nor waited on the clock.");
            }
            else
            {
                await Task.Delay(FirstInterval);
            }
        }

        return await running;
    }
}
