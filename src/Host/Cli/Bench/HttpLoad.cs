using System.Collections.Concurrent;
using System.Diagnostics;

namespace Pinterest.Modular.Host.Cli.Bench;

/// <summary>What a closed-loop HTTP load run measured: completed requests per second and their latency.</summary>
public sealed record LoadFigures(long Requests, long Failed, TimeSpan Elapsed, double P50Milliseconds, double P99Milliseconds)
{
    public double RequestsPerSecond => Requests / Elapsed.TotalSeconds;
}

/// <summary>
/// A closed loop of <c>concurrency</c> clients, each sending its next request as soon as the last is answered, for a
/// fixed time: the same client code drives the measured endpoint and its baseline.
/// </summary>
public static class HttpLoad
{
    public static async Task<LoadFigures> RunAsync(
        HttpClient client, Func<long, HttpRequestMessage> request, int concurrency, TimeSpan duration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(request);
        var latencies = new ConcurrentBag<double>();
        long sent = 0, failed = 0;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (clock.Elapsed < duration && !cancellationToken.IsCancellationRequested)
            {
                using var message = request(Interlocked.Increment(ref sent));
                var started = Stopwatch.GetTimestamp();
                using var response = await client.SendAsync(message, cancellationToken);
                await response.Content.LoadIntoBufferAsync(cancellationToken);
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref failed);
                }
            }
        });
        await Task.WhenAll(workers);
        var elapsed = clock.Elapsed;
        return new LoadFigures(latencies.Count, failed, elapsed, Latencies.Percentile(latencies, 0.50), Latencies.Percentile(latencies, 0.99));
    }
}
