using System.Diagnostics;

namespace Pinterest.Modular.Tests.Integration.Support;

/// <summary>How much of one core a process used over a stretch of wall-clock time (1.0 = a core busy throughout).</summary>
internal static class ProcessCpu
{
    public static async Task<(TimeSpan Cpu, TimeSpan Elapsed, double ShareOfACore)> MeasureAsync(int processId, TimeSpan window)
    {
        using var process = Process.GetProcessById(processId);
        var before = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await Task.Delay(window);
        process.Refresh();
        var cpu = process.TotalProcessorTime - before;
        return (cpu, clock.Elapsed, cpu / clock.Elapsed);
    }
}
