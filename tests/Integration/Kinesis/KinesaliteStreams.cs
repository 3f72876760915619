using System.Diagnostics;
using Amazon.Runtime;
using Pinterest.Modular.Infrastructure.Kinesis;

namespace Pinterest.Modular.Tests.Integration.Kinesis;

/// <summary>
/// Streams of one test class on the kinesalite of <see cref="TestServers.KinesisServiceUrl"/>: names under a prefix of
/// its own (so parallel classes and other helpers never meet), each deleted on dispose, and a client to reach them.
/// </summary>
public sealed class KinesaliteStreams : IAsyncDisposable
{
    /// <summary>kinesalite checks that a request is signed, never the signature: any keys will do.</summary>
    public const string Credential = "x";

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly HashSet<string> _owned = [];
    private readonly Lock _gate = new();

    private KinesaliteStreams()
    {
        Prefix = "pm" + Guid.NewGuid().ToString("N")[..12];
        Options = new KinesisOptions { ServiceUrl = ServiceUrl.ToString() };
        Client = new KinesisClient(_http, Options, Credentials, TimeProvider.System);
    }

    public static Uri ServiceUrl => TestServers.KinesisServiceUrl;

    public static KinesaliteStreams Open() => new();

    /// <summary>The AWS CLI pointed at kinesalite, with keys it accepts.</summary>
    public static AwsCli NewCli() => new(ServiceUrl, Credential);

    public static AWSCredentials Credentials { get; } = new BasicAWSCredentials(Credential, Credential);

    /// <summary>Unique to this instance; also a valid <c>Pipeline:TopicPrefix</c>.</summary>
    public string Prefix { get; }

    public KinesisOptions Options { get; }

    public KinesisClient Client { get; }

    /// <summary>A stream name of this instance, deleted on dispose.</summary>
    public string Name(string suffix) => Own($"{Prefix}-{suffix}");

    /// <summary>Deletes <paramref name="stream"/> on dispose though someone else created it (the host under test).</summary>
    public string Own(string stream)
    {
        lock (_gate)
        {
            _owned.Add(stream);
        }

        return stream;
    }

    /// <summary>The stream routes of a pipeline on this prefix: <c>streaming-&lt;prefix&gt;-pin|geo|user</c>.</summary>
    public string[] OwnPipelineStreams() => [Own($"streaming-{Prefix}-pin"), Own($"streaming-{Prefix}-geo"), Own($"streaming-{Prefix}-user")];

    public async Task<string> CreateActiveAsync(string suffix, int shardCount = 1)
    {
        var stream = Name(suffix);
        await Client.CreateStreamAsync(stream, shardCount, CancellationToken.None);
        await UntilAsync(stream, "ACTIVE");
        return stream;
    }

    /// <summary>Polls until the stream has <paramref name="status"/> ("GONE": until Kinesis no longer knows it).</summary>
    public async Task UntilAsync(string stream, string status)
    {
        var waited = Stopwatch.StartNew();
        var last = "";
        while (waited.Elapsed < Deadline)
        {
            try
            {
                last = (await Client.DescribeStreamSummaryAsync(stream, CancellationToken.None)).Status;
            }
            catch (KinesisException ex) when (ex.IsNotFound)
            {
                last = "GONE";
            }

            if (last == status)
            {
                return;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException($"Stream {stream} is still {last}, not {status}, after {Deadline.TotalSeconds} s.");
    }

    /// <summary>Every record of one shard from its start, read until a read comes back empty.</summary>
    public async Task<List<KinesisRecord>> ReadShardAsync(string stream, string shardId)
    {
        var iterator = await Client.GetShardIteratorAsync(stream, shardId, ShardIteratorStart.TrimHorizon, CancellationToken.None);
        var records = new List<KinesisRecord>();
        while (iterator is not null)
        {
            var batch = await Client.GetRecordsAsync(iterator, 1000, CancellationToken.None);
            if (batch.Records.Count == 0)
            {
                break;
            }

            records.AddRange(batch.Records);
            iterator = batch.NextShardIterator;
        }

        return records;
    }

    public async ValueTask DisposeAsync()
    {
        string[] streams;
        lock (_gate)
        {
            streams = [.. _owned];
        }

        foreach (var stream in streams)
        {
            try
            {
                await Client.DeleteStreamAsync(stream, CancellationToken.None);
            }
            catch (KinesisException)
            {
                // Never created, or already gone: nothing left behind.
            }
        }

        Client.Dispose();
        _http.Dispose();
    }
}
