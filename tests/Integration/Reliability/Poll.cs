using System.Diagnostics;

namespace Pinterest.Modular.Tests.Integration.Reliability;

/// <summary>Checks an eventual outcome often until a deadline (no fixed sleeps), failing with the last value seen.</summary>
internal static class Poll
{
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, TimeSpan deadline)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (waited.Elapsed > deadline)
            {
                throw new TimeoutException($"Waited {deadline.TotalSeconds:N0} s for {what}; last seen: {value}");
            }

            await Task.Delay(100);
        }
    }
}
