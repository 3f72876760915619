using Microsoft.Extensions.Hosting;

namespace Pinterest.Modular.Infrastructure.Embedded;

/// <summary>
/// Runs the <see cref="EmbeddedLandingSink"/> for the life of the host: the embedded stand-in for the
/// S3 sink connector. Open objects are not written on shutdown; their records stay in the log and land
/// after the restart under the same keys.
/// </summary>
public sealed class EmbeddedSinkWorker(EmbeddedLandingSink sink) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => sink.RunAsync(stoppingToken);
}
