using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pinterest.Modular.Application.Routing;

namespace Pinterest.Modular.Infrastructure.Kafka;

/// <summary>
/// This process's connection to the Kafka cluster: the one producer (thread-safe, costly to make, so one per process),
/// an admin client, the topics of the batch route, and consumers built with the same security settings. Register as
/// a singleton; the native library is loaded when the first one is made.
/// </summary>
public sealed class KafkaCluster : IDisposable
{
    private readonly KafkaBearerTokens _tokens;
    private readonly ILogger<KafkaCluster> _logger;
    private readonly Lazy<IProducer<byte[]?, byte[]>> _producer;
    private readonly Lazy<IAdminClient> _admin;
    private readonly SemaphoreSlim _ensuring = new(1, 1);
    private bool _topicsReady;

    public KafkaCluster(IOptions<KafkaOptions> options, RouteTable routes, IKafkaTokenSource tokens, ILogger<KafkaCluster> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(routes);
        Options = options.Value;
        Topics = [.. routes.Topics.Select(t => t.Name)];
        _tokens = new KafkaBearerTokens(tokens, Options.RequestTimeout);
        _logger = logger;
        _producer = new Lazy<IProducer<byte[]?, byte[]>>(BuildProducer);
        _admin = new Lazy<IAdminClient>(BuildAdmin);
    }

    public KafkaOptions Options { get; }

    /// <summary>The batch route's topics, <c>&lt;prefix&gt;.pin|geo|user</c> (those whose route is open).</summary>
    public IReadOnlyList<string> Topics { get; }

    public IProducer<byte[]?, byte[]> Producer => _producer.Value;

    public IAdminClient Admin => _admin.Value;

    /// <summary>A consumer with this cluster's connection and security settings, and the sink's consumer settings.</summary>
    public ConsumerBuilder<byte[]?, byte[]> NewConsumer(string groupId)
    {
        var builder = new ConsumerBuilder<byte[]?, byte[]>(KafkaClientSettings.Consumer(Options, groupId));
        if (Options.Authentication == KafkaAuthentication.AwsIam)
        {
            builder.SetOAuthBearerTokenRefreshHandler(_tokens.Refresh);
        }

        return builder.SetLogHandler((_, message) => Log(message));
    }

    /// <summary>
    /// Creates the topics that are missing, with <c>Kafka:TopicPartitions</c> and <c>Kafka:ReplicationFactor</c>, once per
    /// process. A broker that does not allow CreateTopics (librdkafka's mock cluster, a cluster with an ACL that
    /// forbids it) leaves them to its auto-creation on first produce. Throws <see cref="OptionsValidationException"/>
    /// naming <c>Kafka:BootstrapServers</c> when no broker answers within <c>Kafka:RequestTimeoutMs</c>.
    /// </summary>
    public async Task EnsureTopicsAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _topicsReady))
        {
            return;
        }

        await _ensuring.WaitAsync(cancellationToken);
        try
        {
            if (!_topicsReady)
            {
                await CreateMissingTopicsAsync(cancellationToken);
                Volatile.Write(ref _topicsReady, true);
            }
        }
        finally
        {
            _ensuring.Release();
        }
    }

    public void Dispose()
    {
        if (_admin.IsValueCreated)
        {
            _admin.Value.Dispose();
        }

        if (_producer.IsValueCreated)
        {
            // Whatever is still queued had no request waiting for it (those finish or fail within the timeout).
            _producer.Value.Flush(TimeSpan.FromSeconds(2));
            _producer.Value.Dispose();
        }

        _ensuring.Dispose();
    }

    private async Task CreateMissingTopicsAsync(CancellationToken cancellationToken)
    {
        Metadata metadata;
        try
        {
            // GetMetadata blocks on librdkafka; off the caller's thread, and bounded by the request timeout.
            metadata = await Task.Run(() => Admin.GetMetadata(Options.RequestTimeout), cancellationToken);
        }
        catch (KafkaException ex)
        {
            throw Unreachable(ex.Error.Reason);
        }

        var existing = metadata.Topics.Where(t => t.Error.Code == ErrorCode.NoError).Select(t => t.Topic).ToHashSet(StringComparer.Ordinal);
        var missing = Topics.Where(t => !existing.Contains(t)).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        try
        {
            await Admin.CreateTopicsAsync(
                missing.Select(t => new TopicSpecification { Name = t, NumPartitions = Options.TopicPartitions, ReplicationFactor = Options.ReplicationFactor }),
                new CreateTopicsOptions { RequestTimeout = Options.RequestTimeout, OperationTimeout = Options.RequestTimeout });
            _logger.LogInformation(
                "Created Kafka topics {Topics} ({Partitions} partitions, replication {Replication}).",
                string.Join(", ", missing),
                Options.TopicPartitions,
                Options.ReplicationFactor);
        }
        catch (CreateTopicsException ex) when (ex.Results.All(r => r.Error.Code is ErrorCode.NoError or ErrorCode.TopicAlreadyExists))
        {
            // Another host created them first.
        }
        catch (KafkaException ex)
        {
            // The brokers answered the metadata request, so this is a refusal (or, from the mock cluster, a wait for a
            // controller it does not have), not an unreachable cluster.
            // A producer's metadata request for a topic lets a broker with auto.create.topics.enable create it (with
            // the broker's default partitions); that is how topics come to exist on the mock cluster.
            _logger.LogWarning(
                "Kafka did not create the topics {Topics} ({Reason}); asking the brokers to auto-create them (their default partitions and replication).",
                string.Join(", ", missing),
                ex.Error.Reason);
            await Task.Run(() => AutoCreate(missing), cancellationToken);
        }
    }

    private void AutoCreate(IEnumerable<string> topics)
    {
        foreach (var topic in topics)
        {
            var described = Admin.GetMetadata(topic, Options.RequestTimeout).Topics.SingleOrDefault(t => t.Topic == topic);
            if (described is null || described.Error.Code != ErrorCode.NoError)
            {
                _logger.LogWarning(
                    "Kafka topic {Topic} does not exist and the brokers did not create it ({Reason}); produce requests for it will fail.",
                    topic,
                    described?.Error.Reason ?? "not in the metadata");
            }
        }
    }

    private OptionsValidationException Unreachable(string reason) =>
        new(
            KafkaOptions.Section,
            typeof(KafkaOptions),
            [$"{KafkaClientSettings.Describe(Options)}: no broker answered within {Options.RequestTimeoutMs} ms (Kafka:RequestTimeoutMs): {reason}"]);

    private IProducer<byte[]?, byte[]> BuildProducer()
    {
        var builder = new ProducerBuilder<byte[]?, byte[]>(KafkaClientSettings.Producer(Options));
        if (Options.Authentication == KafkaAuthentication.AwsIam)
        {
            builder.SetOAuthBearerTokenRefreshHandler(_tokens.Refresh);
        }

        return builder.SetLogHandler((_, message) => Log(message)).Build();
    }

    /// <summary>
    /// An admin client on its own connection: its metadata and CreateTopics requests do not share the producer's broker
    /// connections. (Confluent.Kafka 1.9.3's admin client on the producer's handle also spun a core while idle;
    /// with 2.16 both idle alike, 2.5–3% of a core, which <c>KafkaServeIdleTests</c> keeps in check.)
    /// </summary>
    private IAdminClient BuildAdmin()
    {
        var builder = new AdminClientBuilder(new AdminClientConfig(KafkaClientSettings.Connection(Options)));
        if (Options.Authentication == KafkaAuthentication.AwsIam)
        {
            builder.SetOAuthBearerTokenRefreshHandler(_tokens.Refresh);
        }

        return builder.SetLogHandler((_, message) => Log(message)).Build();
    }

    /// <summary>librdkafka's own log (connection failures, retries) at the matching level.</summary>
    private void Log(LogMessage message)
    {
        var level = message.Level switch
        {
            SyslogLevel.Emergency or SyslogLevel.Alert or SyslogLevel.Critical or SyslogLevel.Error => LogLevel.Error,
            SyslogLevel.Warning => LogLevel.Warning,
            SyslogLevel.Notice or SyslogLevel.Info => LogLevel.Information,
            _ => LogLevel.Debug,
        };
        _logger.Log(level, "librdkafka {Facility}: {Message}", message.Facility, message.Message);
    }
}
