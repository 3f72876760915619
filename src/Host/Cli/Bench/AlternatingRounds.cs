using System.Diagnostics;
using System.Globalization;
using System.Runtime;

namespace Pinterest.Modular.Host.Cli.Bench;

/// <summary>
/// How a comparison ran: the warm-up it took, the rounds, and the methods the JIT still compiled while measuring (near
/// zero when the figures are the steady state a server runs at).
/// </summary>
public sealed record RoundsRun(TimeSpan WarmUp, int Rounds, long MethodsCompiledWhileMeasuring)
{
    public void AddTo(IDictionary<string, object> details)
    {
        ArgumentNullException.ThrowIfNull(details);
        details["warm_up_s"] = Math.Round(WarmUp.TotalSeconds, 1);
        details["rounds"] = Rounds;
        details["jit_methods_while_measuring"] = MethodsCompiledWhileMeasuring;
    }
}

/// <summary>
/// Runs a baseline and the measured path side by side on a small, noisy machine: first both in short turns until the
/// JIT has settled (tiering a server's hot path to optimised code takes tens of seconds when the cores are busy, and
/// a path measured meanwhile runs partly unoptimised), then in alternating rounds, each side first in turn, so load
/// that comes and goes on the machine falls on both sides alike. Each side is called with how long to run and whether
/// this turn counts.
/// </summary>
public static class AlternatingRounds
{
    /// <summary>Below this many methods compiled per second the hot paths are optimised; what remains is rare code.</summary>
    private const double SettledMethodsPerSecond = 25;

    private static readonly TimeSpan WarmUpTurn = TimeSpan.FromMilliseconds(500);

    public static async Task<RoundsRun> RunAsync(
        Func<TimeSpan, bool, Task> baseline,
        Func<TimeSpan, bool, Task> measured,
        TimeSpan perSide,
        bool quick,
        Action<string> say,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(measured);
        ArgumentNullException.ThrowIfNull(say);
        var rounds = quick ? 2 : 4;
        var warmUpLimit = TimeSpan.FromSeconds(quick ? 15 : 45); // a quick run stays under a minute
        var warmUp = Stopwatch.StartNew();
        while (!cancellationToken.IsCancellationRequested)
        {
            var compiled = JitInfo.GetCompiledMethodCount();
            var started = warmUp.Elapsed;
            await baseline(WarmUpTurn, false);
            await measured(WarmUpTurn, false);
            var rate = (JitInfo.GetCompiledMethodCount() - compiled) / (warmUp.Elapsed - started).TotalSeconds;
            if (rate < SettledMethodsPerSecond)
            {
                say(string.Create(CultureInfo.InvariantCulture, $"warmed up in {warmUp.Elapsed.TotalSeconds:N1} s (the JIT compiles {rate:N0} methods/s)"));
                break;
            }

            if (warmUp.Elapsed >= warmUpLimit)
            {
                say(string.Create(CultureInfo.InvariantCulture, $"warm-up stopped at its limit of {warmUpLimit.TotalSeconds:N0} s; the JIT still compiles {rate:N0} methods/s"));
                break;
            }
        }

        var warmedUpIn = warmUp.Elapsed;
        var turn = perSide / rounds;
        long compiledWhileMeasuring = 0;
        for (var round = 0; round < rounds && !cancellationToken.IsCancellationRequested; round++)
        {
            say(string.Create(CultureInfo.InvariantCulture, $"round {round + 1} of {rounds}: baseline and measured, {turn.TotalSeconds:N1} s each"));
            var compiled = JitInfo.GetCompiledMethodCount();
            var (first, second) = round % 2 == 0 ? (baseline, measured) : (measured, baseline);
            await first(turn, true);
            await second(turn, true);
            compiledWhileMeasuring += JitInfo.GetCompiledMethodCount() - compiled;
        }

        return new RoundsRun(warmedUpIn, rounds, compiledWhileMeasuring);
    }
}
