using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Pinterest.Modular.Infrastructure.Embedded;

/// <summary>
/// Applies the embedded logs' retention (<see cref="EmbeddedLogStore.ApplyRetention"/>) every
/// <c>Embedded:RetentionCheckInterval</c>, so the data directory stops growing with records long landed and stored.
/// </summary>
public sealed class EmbeddedLogRetention(EmbeddedLogStore logs, IOptions<EmbeddedOptions> options, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RetentionCheckInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                logs.ApplyRetention();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
