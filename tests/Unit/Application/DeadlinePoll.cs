using System.Diagnostics;

namespace Pinterest.Modular.Tests.Unit.Application;

/// <summary>Waits for an eventual outcome (a background service got somewhere) by checking often until a deadline.</summary>
internal static class DeadlinePoll
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    public static async Task UntilAsync(Func<bool> done, Func<string> what)
    {
        var waited = Stopwatch.StartNew();
        while (!done())
        {
            if (waited.Elapsed > Deadline)
            {
                throw new TimeoutException($"Waited {Deadline.TotalSeconds} s for {what()}");
            }

            await Task.Delay(10);
        }
    }
}
