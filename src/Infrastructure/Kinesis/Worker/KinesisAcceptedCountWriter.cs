using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pinterest.Modular.Application.Persistence;

namespace Pinterest.Modular.Infrastructure.Kinesis.Worker;

/// <summary>
/// Every second (and at stop), writes this process's accepted totals per shard to the warehouse's progress marks, one
/// key per process (<see cref="KinesisCheckpoints.AcceptedKey"/>), so hosts never write the same row and the sum over
/// all keys is what every host accepted. A host killed loses at most its last second of counts.
/// </summary>
public sealed class KinesisAcceptedCountWriter(
    KinesisAcceptedCounts counts,
    IServiceScopeFactory scopes,
    IOptions<KinesisWorkerOptions> options,
    TimeProvider clock,
    ILogger<KinesisAcceptedCountWriter> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private IReadOnlyDictionary<(string Stream, string ShardId), long> _written = new Dictionary<(string, string), long>();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Interval, clock, stoppingToken);
                await WriteAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Could not write the Kinesis accepted counts; trying again in {Interval}", Interval);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await WriteAsync(cancellationToken);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not write the last Kinesis accepted counts");
        }
    }

    /// <summary>Writes the totals that changed since the last write.</summary>
    public async Task WriteAsync(CancellationToken cancellationToken)
    {
        var totals = counts.Totals();
        var marks = totals
            .Where(t => _written.GetValueOrDefault(t.Key) != t.Value)
            .Select(t => new ProgressMark(
                KinesisCheckpoints.AcceptedScope,
                KinesisCheckpoints.AcceptedKey(t.Key.Stream, t.Key.ShardId, options.Value.WorkerId),
                KinesisCheckpoints.FormatStored(t.Value)))
            .ToList();
        if (marks.Count == 0)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IWarehouse>().PersistAsync(new CleanedBatch([], []), marks, cancellationToken);
        _written = totals;
    }
}
