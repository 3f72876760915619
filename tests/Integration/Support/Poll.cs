using System.Diagnostics;

namespace Pinterest.Modular.Tests.Integration.Support;

/// <summary>
/// The one way these tests wait for an eventual outcome: read often until it shows or a deadline passes (no fixed
/// sleeps), then fail with what was waited for and the last value seen.
/// </summary>
internal static class Poll
{
    /// <summary>The deadline when a test names none: a worker on this host catches up well within it.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    /// <summary>Generous: a child host process starts and kinesalite answers within it on a loaded machine.</summary>
    public static readonly TimeSpan ChildHostDeadline = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, TimeSpan? deadline = null)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(done);
        var limit = deadline ?? Deadline;
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (waited.Elapsed > limit)
            {
                throw new TimeoutException($"Waited {limit.TotalSeconds:0.#} s for {what}; last seen: {value}");
            }

            await Task.Delay(Interval);
        }
    }

    public static Task<T> UntilAsync<T>(Func<T> read, Func<T, bool> done, string what, TimeSpan? deadline = null) =>
        UntilAsync(() => Task.FromResult(read()), done, what, deadline);

    public static Task UntilAsync(Func<Task<bool>> done, string what, TimeSpan? deadline = null) =>
        UntilAsync(done, static value => value, what, deadline);

    public static Task UntilAsync(Func<bool> done, string what, TimeSpan? deadline = null) =>
        UntilAsync(() => Task.FromResult(done()), static value => value, what, deadline);
}
