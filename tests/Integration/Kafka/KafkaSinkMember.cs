using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Pinterest.Modular.Application.Routing;
using Pinterest.Modular.Infrastructure.Kafka;
using Pinterest.Modular.Infrastructure.ObjectStore;

namespace Pinterest.Modular.Tests.Integration.Kafka;

/// <summary>
/// One member of a sink group landing into a folder shared by all members (a stand-in for the bucket), run the way the
/// host runs it; <see cref="StopAsync"/> stops it as a shutdown does: it leaves the group without writing its open objects.
/// </summary>
internal sealed class KafkaSinkMember : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly KafkaCluster _cluster;
    private readonly Task _run;

    public KafkaSinkMember(string bootstrapServers, string topicPrefix, string dataDir, int flushSize, long rotateIntervalMs = -1, string group = "sink")
    {
        var pipeline = Options.Create(new PipelineOptions { TopicPrefix = topicPrefix, DataDir = dataDir });
        var kafka = Options.Create(new KafkaOptions { BootstrapServers = bootstrapServers, RequestTimeoutMs = 3000, ConsumerGroup = group });
        _cluster = new KafkaCluster(kafka, new RouteTable(pipeline), new NoTokens(), NullLogger<KafkaCluster>.Instance);
        Store = new FileObjectStore(pipeline);
        Sink = new KafkaLandingSink(
            _cluster,
            Store,
            Options.Create(new SinkOptions { FlushSize = flushSize, RotateIntervalMs = rotateIntervalMs }),
            TimeProvider.System,
            NullLogger<KafkaLandingSink>.Instance);
        _run = Sink.RunAsync(_stop.Token);
    }

    public KafkaLandingSink Sink { get; }

    public FileObjectStore Store { get; }

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _run;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await StopAsync();
        }

        Sink.Dispose();
        _cluster.Dispose();
        _stop.Dispose();
    }

    private sealed class NoTokens : IKafkaTokenSource
    {
        public Task<KafkaBearerToken> GetTokenAsync(CancellationToken cancellationToken) => throw new NotSupportedException("no IAM here");
    }
}
