using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Pinterest.Modular.Application.Emulation;
using Pinterest.Modular.Application.Ingest;
using Pinterest.Modular.Application.Persistence;
using Pinterest.Modular.Application.Routing;
using Pinterest.Modular.Domain.Common;
using Pinterest.Modular.Infrastructure.Transports;
using Route = Pinterest.Modular.Application.Routing.Route;

namespace Pinterest.Modular.Host.Cli.Bench;

/// <summary>
/// <c>stream-latency</c>: records sent one per request at a fixed rate (default 1,000/s) on the stream route; latency from
/// sending a record to the commit of the transaction that stored it. The baseline is the same records' acknowledgement
/// latency (send to durable ack), measured in the same run.
/// </summary>
public static class StreamLatencyScenario
{
    public const string Name = "stream-latency";

    public static async Task<BenchResult> RunAsync(string dataDir, bool quick, double rate, Action<string> say, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(say);
        var duration = TimeSpan.FromSeconds(quick ? 5 : 30);
        var records = (long)(rate * duration.TotalSeconds);
        StoredTimes? stored = null;
        using var host = PipelineHost.Build(
            new Dictionary<string, string?> { ["Pipeline:DataDir"] = dataDir },
            configureServices: services =>
            {
                var real = services.Last(d => d.ServiceType == typeof(IWarehouse));
                services.Replace(ServiceDescriptor.Singleton<IWarehouse>(sp =>
                    stored = new StoredTimes((IWarehouse)ActivatorUtilities.CreateInstance(sp, real.ImplementationType!))));
            });
        var services = host.Services;
        await host.StartAsync(cancellationToken);
        try
        {
            var rows = await BenchRows.LoadAsync(services.GetRequiredService<ISourceDatabase>(), records / 3 + 1, cancellationToken);
            var routes = services.GetRequiredService<RouteTable>();
            var ingest = services.GetRequiredService<IngestSender>();
            var sentAt = new ConcurrentDictionary<(RecordKind, long), long>();
            var ackMs = new ConcurrentBag<double>();
            var failures = 0;
            say($"sending {records:N0} records at {rate:N0}/s for {duration.TotalSeconds:N0} s on the stream route");
            var start = Stopwatch.GetTimestamp();
            var inFlight = new List<Task>((int)records);
            for (long i = 0; i < records; i++)
            {
                var due = TimeSpan.FromSeconds(i / rate) - Stopwatch.GetElapsedTime(start);
                if (due > TimeSpan.FromMilliseconds(1))
                {
                    await Task.Delay(due, cancellationToken);
                }

                var kind = RecordKinds.All[(int)(i % 3)];
                var ind = i / 3;
                routes.TryGet(kind, Route.Stream, out var stream);
                inFlight.Add(Task.Run(async () =>
                {
                    var sent = Stopwatch.GetTimestamp();
                    sentAt[(kind, ind)] = sent;
                    var result = await ingest.SendAsync(Route.Stream, stream.Name, [new IngestRecord(rows.Row(kind, ind))], cancellationToken);
                    ackMs.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                    if (result.Status != IngestStatus.Accepted)
                    {
                        Interlocked.Increment(ref failures);
                    }
                }, cancellationToken));
            }

            await Task.WhenAll(inFlight);
            var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 60;
            while (stored!.CommittedAt.Count < sentAt.Count && Stopwatch.GetTimestamp() < deadline)
            {
                await Task.Delay(50, cancellationToken);
            }

            var latencies = sentAt.Where(s => stored.CommittedAt.ContainsKey(s.Key))
                .Select(s => Math.Max(0, Stopwatch.GetElapsedTime(s.Value, stored.CommittedAt[s.Key]).TotalMilliseconds)).ToList();
            var p99 = Latencies.Percentile(latencies, 0.99);
            return new BenchResult(Name, p99, "ms (p99 accept-to-stored)", Latencies.Percentile(ackMs, 0.99), "p99 acknowledgement latency of the same records", new Dictionary<string, object>
            {
                ["p50_ms"] = Latencies.Percentile(latencies, 0.50),
                ["p99_ms"] = p99,
                ["ack_p50_ms"] = Latencies.Percentile(ackMs, 0.50),
                ["rate_per_s"] = rate,
                ["records"] = records,
                ["stored"] = latencies.Count,
                ["failed"] = failures,
                ["duration_s"] = duration.TotalSeconds,
                ["transport"] = RouteTransports.Find(Route.Stream, services.GetRequiredService<IOptions<PipelineOptions>>().Value.StreamTransport)!.Name.ToLowerInvariant(),
                ["quick"] = quick,
            });
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }
}
