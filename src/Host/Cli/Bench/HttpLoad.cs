using System.Collections.Concurrent;
using System.Diagnostics;

namespace Pinterest.Modular.Host.Cli.Bench;

/// <summary>What a closed-loop HTTP load measured: completed requests per second and their latency.</summary>
public sealed record LoadFigures(long Requests, long Failed, TimeSpan Elapsed, double P50Milliseconds, double P99Milliseconds)
{
    public double RequestsPerSecond => Requests / Elapsed.TotalSeconds;
}

/// <summary>Requests, failures, time under load and latencies, added up over the rounds of one side of a comparison.</summary>
public sealed class LoadTally
{
    private readonly ConcurrentBag<double> _latencies = [];
    private long _requests;
    private long _failed;
    private long _elapsedTicks;

    public void Add(double milliseconds, bool failed)
    {
        _latencies.Add(milliseconds);
        Interlocked.Increment(ref _requests);
        if (failed)
        {
            Interlocked.Increment(ref _failed);
        }
    }

    public void AddElapsed(TimeSpan elapsed) => Interlocked.Add(ref _elapsedTicks, elapsed.Ticks);

    public LoadFigures Figures() => new(
        Interlocked.Read(ref _requests),
        Interlocked.Read(ref _failed),
        TimeSpan.FromTicks(Interlocked.Read(ref _elapsedTicks)),
        Latencies.Percentile(_latencies, 0.50),
        Latencies.Percentile(_latencies, 0.99));
}

/// <summary>
/// A closed loop of <c>concurrency</c> clients, each sending its next request as soon as the last is answered, for a
/// fixed time: the same client code drives the measured endpoint and its baseline.
/// </summary>
public static class HttpLoad
{
    /// <summary>One round of load, added to <paramref name="tally"/>.</summary>
    public static async Task RunAsync(
        HttpClient client, Func<long, HttpRequestMessage> request, int concurrency, TimeSpan duration, LoadTally tally, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(tally);
        long sent = 0;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (clock.Elapsed < duration && !cancellationToken.IsCancellationRequested)
            {
                using var message = request(Interlocked.Increment(ref sent));
                var started = Stopwatch.GetTimestamp();
                using var response = await client.SendAsync(message, cancellationToken);
                await response.Content.LoadIntoBufferAsync(cancellationToken);
                tally.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds, !response.IsSuccessStatusCode);
            }
        });
        await Task.WhenAll(workers);
        tally.AddElapsed(clock.Elapsed);
    }
}
