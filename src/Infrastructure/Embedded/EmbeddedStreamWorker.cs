using System.Globalization;
using MassTransit.Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pinterest.Modular.Application.Cleaning;
using Pinterest.Modular.Application.Persistence;
using Pinterest.Modular.Application.Routing;

namespace Pinterest.Modular.Infrastructure.Embedded;

/// <summary>
/// The embedded stream route's reader: tails each stream's log and sends micro-batches through the same clean and
/// persist commands as the batch job. The checkpoint (last sequence number) is stored with the rows in one
/// transaction, so a restart resumes exactly after the last stored record: none repeated, none skipped.
/// </summary>
public sealed class EmbeddedStreamWorker(
    RouteTable routes,
    EmbeddedLogStore logs,
    IServiceScopeFactory scopes,
    IOptions<StreamWorkerOptions> options,
    ILogger<EmbeddedStreamWorker> logger) : BackgroundService
{
    public const string CheckpointScope = "stream";
    public const string ShardId = "shardId-000000000000";

    public static string CheckpointKey(string stream) => $"{stream}/{ShardId}";

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(routes.Streams.Select(stream => ReadShardAsync(stream, stoppingToken)));

    private async Task ReadShardAsync(Destination stream, CancellationToken stoppingToken)
    {
        await Task.Yield();
        var log = logs.GetStreamShard(stream.Name);
        var next = await LoadCheckpointAsync(stream.Name, stoppingToken);
        log.MarkProcessed(next); // stored records may go once retention says so
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            var entries = log.Read(next, options.Value.MaxBatchRecords);
            if (entries.Count == 0)
            {
                await log.WaitForDataAsync(next, stoppingToken);
                continue;
            }

            try
            {
                await ProcessAsync(stream, entries, stoppingToken);
                next = entries[^1].Offset + 1;
                log.MarkProcessed(next);
                failures = 0;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // The batch is retried as it was: a stream never skips records, and the checkpoint did not move.
                failures++;
                // Doubling from 100 ms, at most 5 s apart: one try per stream every few seconds costs a down warehouse
                // nothing, and the route catches up within seconds of its return (a 30 s cap left it idle that long).
                var delay = TimeSpan.FromMilliseconds(Math.Min(5_000, 100 * Math.Pow(2, Math.Min(failures, 10))));
                logger.LogError(ex, "Stream {Stream}: storing records from {Offset} failed; retrying in {Delay}", stream.Name, next, delay);
                await Task.Delay(delay, stoppingToken);
            }
        }
    }

    private async Task ProcessAsync(Destination stream, IReadOnlyList<LogEntry> entries, CancellationToken cancellationToken)
    {
        var records = new RawRecord[entries.Count];
        for (var i = 0; i < entries.Count; i++)
        {
            records[i] = new RawRecord(
                string.Create(CultureInfo.InvariantCulture, $"{stream.Name}/{ShardId}/{entries[i].Offset}"), entries[i].Payload);
        }

        var checkpoint = new ProgressMark(
            CheckpointScope, CheckpointKey(stream.Name), entries[^1].Offset.ToString(CultureInfo.InvariantCulture));
        await using var scope = scopes.CreateAsyncScope();
        var client = scope.ServiceProvider.GetRequiredService<IMediator>().CreateRequestClient<CleanRecords>();
        await client.GetResponse<RecordsStored>(new CleanRecords(stream.Kind, records, [checkpoint]), cancellationToken);
    }

    private async Task<long> LoadCheckpointAsync(string stream, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var marks = await scope.ServiceProvider.GetRequiredService<IWarehouse>().GetMarksAsync(CheckpointScope, cancellationToken);
        return marks.TryGetValue(CheckpointKey(stream), out var value) ? long.Parse(value, CultureInfo.InvariantCulture) + 1 : 0;
    }
}
