using System.Diagnostics;
using System.Globalization;
using Amazon.Runtime;
using Microsoft.Extensions.Options;
using Pinterest.Modular.Application.Emulation;
using Pinterest.Modular.Application.Ingest;
using Pinterest.Modular.Application.Routing;
using Pinterest.Modular.Infrastructure.Database;
using Pinterest.Modular.Infrastructure.Kinesis;
using Pinterest.Modular.Infrastructure.Kinesis.Worker;

namespace Pinterest.Modular.Host.Cli.Bench;

/// <summary>
/// <c>stream-catchup</c>: a backlog of N records in each of the three Kinesis streams (fresh streams named for this
/// run), then the time the stream worker takes to store all of them. The baseline is the same backlog read with plain
/// GetRecords calls (same batch size, every shard at once, nothing stored), in the same run: the ratio is the share of
/// the read speed the worker keeps while cleaning and storing. Needs <c>Kinesis:ServiceUrl</c> (kinesalite); the
/// streams are deleted afterwards.
/// </summary>
public static class StreamCatchupScenario
{
    public const string Name = "stream-catchup";

    private const int PutBatch = 500;

    public static async Task<BenchResult> RunAsync(string dataDir, bool quick, long? perStream, Action<string> say, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(say);
        var records = perStream ?? (quick ? 10_000 : 100_000);
        var settings = new Dictionary<string, string?>
        {
            ["Pipeline:DataDir"] = dataDir,
            ["Pipeline:StreamTransport"] = "Kinesis",
            ["Pipeline:TopicPrefix"] = "bench" + Guid.NewGuid().ToString("N")[..8],
        };
        using var host = PipelineHost.Build(settings, configureServices: services =>
        {
            // kinesalite takes any keys; real credentials from the environment win.
            if (Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID") is null)
            {
                services.AddSingleton<AWSCredentials>(new BasicAWSCredentials("bench", "bench"));
            }
        });
        var services = host.Services;
        var kinesis = services.GetRequiredService<IOptions<KinesisOptions>>().Value;
        if (string.IsNullOrEmpty(kinesis.ServiceUrl))
        {
            throw new ArgumentException("stream-catchup needs Kinesis:ServiceUrl (e.g. Kinesis__ServiceUrl=http://127.0.0.1:4567 for kinesalite); it does not run against AWS.");
        }

        var worker = services.GetRequiredService<KinesisStreamWorker>();
        var others = services.GetServices<IHostedService>().Where(s => !ReferenceEquals(s, worker)).ToList();
        var client = services.GetRequiredService<IKinesisClient>();
        var streams = services.GetRequiredService<RouteTable>().Streams.ToList();
        var batchSize = services.GetRequiredService<IOptions<KinesisWorkerOptions>>().Value.MaxRecordsPerBatch;
        var started = new List<IHostedService>();
        try
        {
            // Everything but the shard readers: the warehouse's migrations and the streams (created, ACTIVE).
            foreach (var service in others)
            {
                await service.StartAsync(cancellationToken);
                started.Add(service);
            }

            await FillAsync(services, streams, records, say, cancellationToken);
            var total = records * streams.Count;

            say($"baseline: reading the backlog with plain GetRecords ({batchSize} a call, every shard at once)");
            var baseline = await ReadAllAsync(client, streams, batchSize, cancellationToken);

            say("measured: the stream worker storing the backlog");
            var stopwatch = Stopwatch.StartNew();
            await worker.StartAsync(cancellationToken);
            started.Add(worker);
            var monitor = services.GetServices<ITransportMonitor>().OfType<KinesisStreamMonitor>().Single();
            var (stored, largestBacklog) = await WaitUntilStoredAsync(monitor, total, say, cancellationToken);
            var drained = stopwatch.Elapsed;
            if (stored < total)
            {
                throw new InvalidOperationException($"only {stored:N0} of {total:N0} records were stored within the deadline.");
            }

            var perStreamRate = records / drained.TotalSeconds;
            var baselineRate = records / baseline.TotalSeconds;
            return new BenchResult(Name, perStreamRate, "records/s per stream stored", baselineRate, "records/s per stream read by plain GetRecords", new Dictionary<string, object>
            {
                ["records_per_stream"] = records,
                ["streams"] = streams.Count,
                ["shards_per_stream"] = kinesis.ShardCount,
                ["batch_records"] = batchSize,
                ["drain_s"] = drained.TotalSeconds,
                ["baseline_read_s"] = baseline.TotalSeconds,
                ["largest_backlog_seen"] = largestBacklog,
                ["warehouse"] = services.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider.ToLowerInvariant(),
                ["quick"] = quick,
            });
        }
        finally
        {
            for (var i = started.Count - 1; i >= 0; i--)
            {
                await started[i].StopAsync(CancellationToken.None);
            }

            foreach (var stream in streams)
            {
                await client.DeleteStreamAsync(stream.Name, CancellationToken.None);
            }
        }
    }

    /// <summary>N distinct rows of each stream's kind, put through the stream route's writer in batches of 500.</summary>
    private static async Task FillAsync(IServiceProvider services, List<Destination> streams, long records, Action<string> say, CancellationToken cancellationToken)
    {
        var rows = await BenchRows.LoadAsync(services.GetRequiredService<ISourceDatabase>(), records, cancellationToken);
        var writer = services.GetRequiredService<IStreamWriter>();
        var stopwatch = Stopwatch.StartNew();
        say($"putting a backlog of {records:N0} records in each of {streams.Count} streams");
        await Task.WhenAll(streams.Select(stream => Task.Run(
            async () =>
            {
                // Four requests in flight per stream: kinesalite takes puts at a few thousand records a second.
                await Parallel.ForEachAsync(
                    Batches(records),
                    new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken },
                    async (range, token) =>
                    {
                        var batch = new IngestRecord[range.Count];
                        for (var i = 0; i < range.Count; i++)
                        {
                            batch[i] = new IngestRecord(rows.Row(stream.Kind, range.First + i));
                        }

                        await writer.AppendAsync(stream.Name, batch, token);
                    });
            },
            cancellationToken)));
        say(string.Create(CultureInfo.InvariantCulture, $"backlog put in {stopwatch.Elapsed.TotalSeconds:N1} s"));
    }

    private static IEnumerable<(long First, int Count)> Batches(long records)
    {
        for (long first = 0; first < records; first += PutBatch)
        {
            yield return (first, (int)Math.Min(PutBatch, records - first));
        }
    }

    /// <summary>Every shard of every stream read from its trim horizon until a read comes back empty.</summary>
    private static async Task<TimeSpan> ReadAllAsync(IKinesisClient client, List<Destination> streams, int batchSize, CancellationToken cancellationToken)
    {
        var shards = new List<(string Stream, string Shard)>();
        foreach (var stream in streams)
        {
            shards.AddRange((await client.ListShardsAsync(stream.Name, cancellationToken)).Select(s => (stream.Name, s.ShardId)));
        }

        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(shards.Select(s => Task.Run(
            async () =>
            {
                var iterator = await client.GetShardIteratorAsync(s.Stream, s.Shard, ShardIteratorStart.TrimHorizon, cancellationToken);
                while (iterator is not null)
                {
                    var batch = await client.GetRecordsAsync(iterator, batchSize, cancellationToken);
                    iterator = batch.Records.Count == 0 ? null : batch.NextShardIterator;
                }
            },
            cancellationToken)));
        return stopwatch.Elapsed;
    }

    /// <summary>Polls the stored count (and the backlog the monitor shows) until every record is stored or ten minutes pass.</summary>
    private static async Task<(long Stored, long LargestBacklog)> WaitUntilStoredAsync(
        KinesisStreamMonitor monitor, long total, Action<string> say, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        var lastSaid = TimeSpan.Zero;
        long stored = 0;
        long largestBacklog = 0;
        while (stored < total && deadline.Elapsed < TimeSpan.FromMinutes(10))
        {
            await Task.Delay(100, cancellationToken);
            var progress = await monitor.GetProgressAsync(cancellationToken);
            stored = progress.Sum(p => p.Processed ?? 0);
            largestBacklog = Math.Max(largestBacklog, progress.Sum(p => Math.Max(0, p.Accepted - (p.Processed ?? 0))));
            if (deadline.Elapsed - lastSaid >= TimeSpan.FromSeconds(5))
            {
                lastSaid = deadline.Elapsed;
                say(string.Create(CultureInfo.InvariantCulture, $"{stored:N0} of {total:N0} stored after {deadline.Elapsed.TotalSeconds:N0} s"));
            }
        }

        return (stored, largestBacklog);
    }
}
