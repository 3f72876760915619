using System.Diagnostics;
using Confluent.Kafka;
using Pinterest.Modular.Application.Emulation;
using Pinterest.Modular.Application.Routing;
using Pinterest.Modular.Domain.Common;
using Pinterest.Modular.Host.Api;
using Pinterest.Modular.Host.Api.Client;
using Pinterest.Modular.Infrastructure.Kafka;
using Route = Pinterest.Modular.Application.Routing.Route;

namespace Pinterest.Modular.Host.Cli.Bench;

/// <summary>
/// <c>ingest-kafka</c>: records/s through the REST proxy with <c>Pipeline:BatchTransport=Kafka</c> (concurrent clients,
/// a few hundred records per request, each answered once the brokers acknowledged it) against a plain Confluent.Kafka
/// producer with the same settings sending the same payloads in the same shape (as many concurrent batches, each
/// awaited) to the same brokers. Without <c>Kafka:BootstrapServers</c> it runs on librdkafka's mock cluster.
/// </summary>
public static class IngestKafkaScenario
{
    public const string Name = "ingest-kafka";

    private const int Concurrency = 8;
    private const int RecordsPerRequest = 250;
    private const int SyntheticRows = 11_153;

    public static async Task<BenchResult> RunAsync(string dataDir, bool quick, Action<string> say, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(say);
        var duration = TimeSpan.FromSeconds(quick ? 5 : 20);
        var prefix = "bench" + Guid.NewGuid().ToString("N")[..8];
        using var cluster = new BenchKafkaCluster(ConfiguredBootstrapServers());
        say(cluster.IsMock ? $"no Kafka:BootstrapServers: started librdkafka's mock cluster at {cluster.BootstrapServers}" : $"Kafka at {cluster.BootstrapServers}");
        foreach (var kind in RecordKinds.All)
        {
            cluster.Touch(RouteTable.NameOf(prefix, kind, Route.Batch));
        }

        await using var app = ApiHost.Build(
            new Dictionary<string, string?>
            {
                ["Pipeline:DataDir"] = dataDir,
                ["Pipeline:TopicPrefix"] = prefix,
                ["Pipeline:BatchTransport"] = "Kafka",
                ["Kafka:BootstrapServers"] = cluster.BootstrapServers,
                ["Kafka:SinkEnabled"] = "false", // the ingest path alone, as the baseline
                ["Api:RateLimit:PermitsPerSecond"] = "0",
            },
            ["http://127.0.0.1:0"]);
        await app.StartAsync(cancellationToken);
        try
        {
            var address = app.BoundAddress();
            var rows = await BenchRows.LoadAsync(app.Services.GetRequiredService<ISourceDatabase>(), SyntheticRows, cancellationToken);
            app.Services.GetRequiredService<RouteTable>().TryGet(RecordKind.Pin, Route.Batch, out var topic);
            ReadOnlyMemory<byte>[] Batch(long request) =>
                [.. Enumerable.Range(0, RecordsPerRequest).Select(i => (ReadOnlyMemory<byte>)rows.Row(RecordKind.Pin, ((request * RecordsPerRequest) + i) % SyntheticRows))];
            using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Concurrency, UseCookies = false });
            HttpRequestMessage Produce(long i) => PipelineRequests.Create(address, topic, Batch(i), PartitionKeyMode.Fixed);

            var options = app.Services.GetRequiredService<KafkaCluster>().Options;
            using var producer = new ProducerBuilder<byte[]?, byte[]>(KafkaClientSettings.Producer(options)).Build();
            var measured = new LoadTally();
            var baselineRecords = 0L;
            var baselineTime = TimeSpan.Zero;
            say($"baseline: a plain Confluent.Kafka producer, {Concurrency} concurrent batches of {RecordsPerRequest}; measured: POST /topics/{topic.Name} with {RecordsPerRequest} records per request, {Concurrency} clients");
            var run = await AlternatingRounds.RunAsync(
                async (turn, counts) =>
                {
                    var (records, elapsed) = await PlainProducerAsync(producer, topic.Name, Batch, turn, cancellationToken);
                    if (counts)
                    {
                        baselineRecords += records;
                        baselineTime += elapsed;
                    }
                },
                (turn, counts) => HttpLoad.RunAsync(client, Produce, Concurrency, turn, counts ? measured : new LoadTally(), cancellationToken),
                duration,
                quick,
                say,
                cancellationToken);
            var figures = measured.Figures();
            var recordsPerSecond = (figures.Requests - figures.Failed) * RecordsPerRequest / figures.Elapsed.TotalSeconds;
            var details = new Dictionary<string, object>
            {
                ["requests"] = figures.Requests,
                ["failed"] = figures.Failed,
                ["p50_ms"] = figures.P50Milliseconds,
                ["p99_ms"] = figures.P99Milliseconds,
                ["records_per_request"] = RecordsPerRequest,
                ["concurrency"] = Concurrency,
                ["duration_s"] = duration.TotalSeconds,
                ["broker"] = cluster.IsMock ? "librdkafka mock cluster (3 brokers)" : "configured",
                ["quick"] = quick,
            };
            run.AddTo(details);
            return new BenchResult(Name, recordsPerSecond, "records/s", baselineRecords / baselineTime.TotalSeconds, "plain Confluent.Kafka producer, same payloads, same brokers", details);
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>
    /// Records a producer built from the same settings as the API's delivered in <paramref name="duration"/>:
    /// concurrent batches, each awaited as a client awaits its request.
    /// </summary>
    private static async Task<(long Records, TimeSpan Elapsed)> PlainProducerAsync(
        IProducer<byte[]?, byte[]> producer, string topic, Func<long, ReadOnlyMemory<byte>[]> batch, TimeSpan duration, CancellationToken cancellationToken)
    {
        long next = 0, delivered = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(async _ =>
        {
            while (clock.Elapsed < duration && !cancellationToken.IsCancellationRequested)
            {
                var values = batch(Interlocked.Increment(ref next));
                await Task.WhenAll(values.Select(v => producer.ProduceAsync(topic, new Message<byte[]?, byte[]> { Value = v.ToArray() }, cancellationToken)));
                Interlocked.Add(ref delivered, values.Length);
            }
        }));
        return (delivered, clock.Elapsed);
    }
    /// <summary><c>Kafka:BootstrapServers</c> as the host would read it (appsettings, environment), or null.</summary>
    private static string? ConfiguredBootstrapServers()
    {
        var configuration = new ConfigurationBuilder();
        PipelineHost.AddConfiguration(configuration, Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? Environments.Production, new Dictionary<string, string?>());
        return configuration.Build()[$"{KafkaOptions.Section}:{nameof(KafkaOptions.BootstrapServers)}"];
    }
}
