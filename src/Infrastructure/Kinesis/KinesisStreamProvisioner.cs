using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pinterest.Modular.Application.Routing;

namespace Pinterest.Modular.Infrastructure.Kinesis;

/// <summary>
/// Creates the stream route's streams at start when they are missing (<c>Kinesis:ShardCount</c> shards each) and waits
/// until every one is ACTIVE, so the API and the readers never meet a stream that is not there yet. A stream that
/// exists keeps its shards. Several hosts may start at once: a create that loses the race counts as done.
/// </summary>
public sealed class KinesisStreamProvisioner(
    IKinesisClient kinesis,
    RouteTable routes,
    IOptions<KinesisOptions> options,
    TimeProvider time,
    ILogger<KinesisStreamProvisioner> logger) : IHostedService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        try
        {
            await Task.WhenAll(routes.Streams.Select(s => EnsureActiveAsync(s.Name, settings, cancellationToken)));
        }
        catch (KinesisException ex)
        {
            throw new InvalidOperationException(
                $"The stream route's streams could not be provisioned: {settings.Describe()} answered {ex.Message}", ex);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Creates the stream when missing (again once a stream being deleted is gone) and polls until it is ACTIVE.</summary>
    public async Task EnsureActiveAsync(string stream, KinesisOptions settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var deadline = time.GetUtcNow() + settings.StreamActiveTimeout;
        var status = "MISSING";
        while (true)
        {
            try
            {
                var summary = await kinesis.DescribeStreamSummaryAsync(stream, cancellationToken);
                status = summary.Status;
                if (status == "ACTIVE")
                {
                    logger.LogInformation("Kinesis stream {Stream} is ACTIVE with {Shards} open shard(s)", stream, summary.OpenShardCount);
                    return;
                }
            }
            catch (KinesisException ex) when (ex.IsNotFound)
            {
                status = "MISSING";
                await CreateAsync(stream, settings.ShardCount, cancellationToken);
            }

            if (time.GetUtcNow() >= deadline)
            {
                throw new TimeoutException(
                    $"Kinesis stream {stream} is still {status} after Kinesis:StreamActiveTimeout ({settings.StreamActiveTimeout}); {settings.Describe()}.");
            }

            await Task.Delay(PollInterval, time, cancellationToken);
        }
    }

    private async Task CreateAsync(string stream, int shardCount, CancellationToken cancellationToken)
    {
        try
        {
            await kinesis.CreateStreamAsync(stream, shardCount, cancellationToken);
            logger.LogInformation("Created Kinesis stream {Stream} with {Shards} shard(s)", stream, shardCount);
        }
        catch (KinesisException ex) when (ex.ErrorType == "ResourceInUseException")
        {
            // Another host created it (or it is still being deleted): the next look says which.
        }
    }
}
