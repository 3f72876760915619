using System.Text.Json;
using Amazon.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Pinterest.Modular.Infrastructure.Kinesis;

/// <summary>
/// The Kinesis Data Streams operations over HttpClient (JSON 1.1, SigV4 with AWSSDK.Core's signer): no Kinesis SDK
/// restores here, and the route needs only these nine. Thread-safe; one per process.
/// </summary>
public sealed class KinesisClient : IKinesisClient, IDisposable
{
    private const int MaxGetRecordsLimit = 10_000;

    private readonly KinesisOperationSender _sender;
    private readonly KinesisOptions _options;
    private HttpClient? _ownedHttp;

    /// <param name="http">Sends the requests; the caller keeps it (a test may give one over its own handler).</param>
    public KinesisClient(HttpClient http, KinesisOptions options, AWSCredentials credentials, TimeProvider time, ILogger<KinesisClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(time);
        _options = options;
        _sender = new KinesisOperationSender(http, options, credentials, time, logger ?? NullLogger<KinesisClient>.Instance);
    }

    /// <summary>A client with its own HttpClient (pooled connections renewed every few minutes, so DNS changes are seen).</summary>
    public static KinesisClient Create(KinesisOptions options, AWSCredentials credentials, TimeProvider time, ILogger<KinesisClient> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = options.RequestTimeout,
        };
        return new KinesisClient(http, options, credentials, time, logger) { _ownedHttp = http };
    }

    public async Task CreateStreamAsync(string stream, int shardCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(shardCount, 1);
        await _sender.SendAsync("CreateStream", KinesisRequests.CreateStream(stream, shardCount), cancellationToken);
    }

    public async Task DeleteStreamAsync(string stream, CancellationToken cancellationToken) =>
        await _sender.SendAsync("DeleteStream", KinesisRequests.StreamOnly(stream), cancellationToken);

    public async Task<KinesisStreamSummary> DescribeStreamSummaryAsync(string stream, CancellationToken cancellationToken)
    {
        using var answer = await SendAsync("DescribeStreamSummary", KinesisRequests.StreamOnly(stream), cancellationToken);
        return KinesisResponses.StreamSummary(answer.RootElement);
    }

    public async Task<IReadOnlyList<string>> ListStreamsAsync(CancellationToken cancellationToken)
    {
        var names = new List<string>();
        while (true)
        {
            using var answer = await SendAsync("ListStreams", KinesisRequests.ListStreams(names.Count > 0 ? names[^1] : null), cancellationToken);
            var page = KinesisResponses.Required(answer.RootElement, "StreamNames");
            var before = names.Count;
            names.AddRange(page.EnumerateArray().Select(n => n.GetString()!));
            var more = answer.RootElement.TryGetProperty("HasMoreStreams", out var hasMore) && hasMore.ValueKind == JsonValueKind.True;

            // An empty page that claims more would ask for the same page again forever.
            if (!more || names.Count == before)
            {
                return names;
            }
        }
    }

    public async Task<IReadOnlyList<KinesisShard>> ListShardsAsync(string stream, CancellationToken cancellationToken)
    {
        var shards = new List<KinesisShard>();
        string? nextToken = null;
        do
        {
            using var answer = await SendAsync("ListShards", KinesisRequests.ListShards(stream, nextToken), cancellationToken);
            shards.AddRange(KinesisResponses.Required(answer.RootElement, "Shards").EnumerateArray().Select(KinesisResponses.Shard));
            nextToken = KinesisResponses.OptionalString(answer.RootElement, "NextToken");
        }
        while (nextToken is not null);

        return shards;
    }

    public async Task<KinesisPutResult> PutRecordAsync(string stream, KinesisPutEntry entry, CancellationToken cancellationToken)
    {
        PutRecordsBatches.EnsureAcceptable(stream, entry, 0);
        using var answer = await SendAsync("PutRecord", KinesisRequests.PutRecord(stream, entry), cancellationToken);
        return KinesisResponses.PutResult(answer.RootElement);
    }

    public async Task<IReadOnlyList<KinesisPutResult>> PutRecordsAsync(
        string stream, IReadOnlyList<KinesisPutEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        for (var i = 0; i < entries.Count; i++)
        {
            PutRecordsBatches.EnsureAcceptable(stream, entries[i], i);
        }

        var results = new KinesisPutResult[entries.Count];
        foreach (var (start, count) in PutRecordsBatches.Split(entries))
        {
            await PutRunAsync(stream, entries, [.. Enumerable.Range(start, count)], results, cancellationToken);
        }

        return results;
    }

    public async Task<string> GetShardIteratorAsync(string stream, string shardId, ShardIteratorStart start, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(start);
        using var answer = await SendAsync("GetShardIterator", KinesisRequests.GetShardIterator(stream, shardId, start), cancellationToken);
        return KinesisResponses.RequiredString(answer.RootElement, "ShardIterator");
    }

    public async Task<KinesisRecordBatch> GetRecordsAsync(string shardIterator, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxGetRecordsLimit);
        using var answer = await SendAsync("GetRecords", KinesisRequests.GetRecords(shardIterator, limit), cancellationToken);
        return KinesisResponses.RecordBatch(answer.RootElement);
    }

    public void Dispose() => _ownedHttp?.Dispose();

    private async Task<JsonDocument> SendAsync(string operation, byte[] body, CancellationToken cancellationToken) =>
        KinesisResponses.Parse(operation, await _sender.SendAsync(operation, body, cancellationToken));

    /// <summary>
    /// Puts one run of entries and resends exactly those a partial failure names, each result landing at its entry's
    /// index. Gives up when a failure is not one a resend cures, or after <c>Kinesis:MaxAttempts</c> rounds.
    /// </summary>
    private async Task PutRunAsync(
        string stream, IReadOnlyList<KinesisPutEntry> entries, int[] pending, KinesisPutResult[] results, CancellationToken cancellationToken)
    {
        for (var round = 1; ; round++)
        {
            using var answer = await SendAsync("PutRecords", KinesisRequests.PutRecords(stream, entries, pending), cancellationToken);
            var answered = KinesisResponses.Required(answer.RootElement, "Records");
            if (answered.GetArrayLength() != pending.Length)
            {
                throw new KinesisException(
                    KinesisResponses.InvalidResponse, $"PutRecords answered {answered.GetArrayLength()} results for {pending.Length} records.", 200);
            }

            var failed = new List<int>();
            (string Code, string Message)? worst = null;
            var position = 0;
            foreach (var result in answered.EnumerateArray())
            {
                var index = pending[position++];
                if (KinesisResponses.OptionalString(result, "ErrorCode") is { } code)
                {
                    failed.Add(index);
                    if (worst is null || !KinesisErrorResponse.IsRetryable(code))
                    {
                        worst = (code, KinesisResponses.OptionalString(result, "ErrorMessage") ?? code);
                    }
                }
                else
                {
                    results[index] = KinesisResponses.PutResult(result);
                }
            }

            if (worst is not { } failure)
            {
                return;
            }

            if (!KinesisErrorResponse.IsRetryable(failure.Code) || round >= _options.MaxAttempts)
            {
                throw new KinesisException(
                    failure.Code,
                    $"{failed.Count} record(s) of {entries.Count} were not put on stream {stream} after {round} round(s): {failure.Message}",
                    200);
            }

            pending = [.. failed];
            await _sender.Backoff.WaitAsync(round, cancellationToken);
        }
    }
}
