using Microsoft.Extensions.Hosting;

namespace Pinterest.Modular.Infrastructure.Kafka;

/// <summary>
/// Runs this host's member of the sink group (<see cref="KafkaLandingSink"/>) for the life of the host: the stand-in
/// for MSK Connect's S3 sink connector. Open objects are not written on shutdown; the group's next owner of each
/// partition lands their records from the committed offset, under the same keys.
/// </summary>
public sealed class KafkaSinkWorker(KafkaLandingSink sink) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => sink.RunAsync(stoppingToken);
}
