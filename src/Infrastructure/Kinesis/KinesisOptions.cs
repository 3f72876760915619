namespace Pinterest.Modular.Infrastructure.Kinesis;

/// <summary>
/// Configuration section <c>Kinesis</c>: where the stream route's streams live when <c>Pipeline:StreamTransport</c> is
/// <c>Kinesis</c>. Credentials come from the standard AWS chain (environment, profile, container or instance role),
/// never from these settings.
/// </summary>
public sealed class KinesisOptions
{
    public const string Section = "Kinesis";

    /// <summary>
    /// <c>Kinesis:ServiceUrl</c>: a Kinesis-compatible endpoint such as kinesalite's <c>http://127.0.0.1:4567</c>; empty
    /// means the AWS endpoint of <see cref="Region"/>.
    /// </summary>
    public string ServiceUrl { get; set; } = "";

    /// <summary><c>Kinesis:Region</c>: the AWS region, also the signing region of a <see cref="ServiceUrl"/>.</summary>
    public string Region { get; set; } = "us-east-1";

    /// <summary><c>Kinesis:ShardCount</c>: the shards of each stream the host creates at start (an existing stream keeps its own).</summary>
    public int ShardCount { get; set; } = 1;

    /// <summary><c>Kinesis:RequestTimeout</c>: how long one HTTP request may take before it counts as a failed attempt.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// <c>Kinesis:MaxAttempts</c>: tries per request (the first included) on throttling, server errors and network
    /// failures; also the rounds PutRecords spends resending the entries a partial failure names.
    /// </summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary><c>Kinesis:RetryBaseDelay</c>: the wait before the first retry; it doubles per retry, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary><c>Kinesis:RetryMaxDelay</c>: the longest wait between two tries.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary><c>Kinesis:StreamActiveTimeout</c>: how long start-up waits for a created stream to become ACTIVE.</summary>
    public TimeSpan StreamActiveTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The endpoint every request is posted to.</summary>
    public Uri Endpoint => ServiceUrl.Length > 0
        ? new Uri(ServiceUrl)
        : new Uri($"https://kinesis.{Region}.{(Region.StartsWith("cn-", StringComparison.Ordinal) ? "amazonaws.com.cn" : "amazonaws.com")}/");

    /// <summary>Names the endpoint and the keys that choose it, for messages about an unreachable service.</summary>
    public string Describe() => ServiceUrl.Length > 0
        ? $"Kinesis at {ServiceUrl} (Kinesis:ServiceUrl, signing region Kinesis:Region={Region})"
        : $"Kinesis at {Endpoint} (Kinesis:Region={Region}; set Kinesis:ServiceUrl for a local endpoint)";
}
