using System.Diagnostics;

namespace Pinterest.Modular.Tests.Integration.Kinesis;

/// <summary>Polls an asynchronous reading (the warehouse, the leases) until it shows the outcome or a deadline passes.</summary>
internal static class KinesisPoll
{
    /// <summary>Generous: a child host process starts and kinesalite answers within it on a loaded machine.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (waited.Elapsed > Deadline)
            {
                throw new TimeoutException($"Waited {Deadline.TotalSeconds} s for {what}; last seen: {value}");
            }

            await Task.Delay(100);
        }
    }
}
