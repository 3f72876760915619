using System.Diagnostics;

namespace Pinterest.Modular.Tests.Integration.Api;

/// <summary>Waits for an eventual outcome (a worker caught up) by checking it often until a deadline.</summary>
internal static class DeadlinePoll
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    public static async Task<T> UntilAsync<T>(Func<T> read, Func<T, bool> done, string what)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var value = read();
            if (done(value))
            {
                return value;
            }

            if (waited.Elapsed > Deadline)
            {
                throw new TimeoutException($"Waited {Deadline.TotalSeconds} s for {what}; last seen: {value}");
            }

            await Task.Delay(50);
        }
    }
}
