using System.Globalization;
using Confluent.Kafka;

namespace Pinterest.Modular.Infrastructure.Kafka;

/// <summary>
/// The one place that turns <see cref="KafkaOptions"/> into librdkafka settings: the connection and security part every
/// client shares, and the producer's and the sink consumer's own.
/// </summary>
public static class KafkaClientSettings
{
    /// <summary>Bootstrap servers and security, for any client.</summary>
    public static ClientConfig Connection(KafkaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var config = new ClientConfig
        {
            BootstrapServers = options.BootstrapServers,
            ClientId = "pinterest-modular",
            SocketTimeoutMs = options.RequestTimeoutMs,
            SocketConnectionSetupTimeoutMs = options.RequestTimeoutMs,

            // librdkafka backs off up to 10 s between reconnects; the Java clients (and kafka-rest) up to 1 s. With 10 s
            // a broker that is back stays unused for seconds while ingest answers 503 and sink members miss their session.
            ReconnectBackoffMaxMs = 1000,
        };
        switch (options.Authentication)
        {
            case KafkaAuthentication.Tls:
                config.SecurityProtocol = SecurityProtocol.Ssl;
                break;
            case KafkaAuthentication.Scram:
                config.SecurityProtocol = SecurityProtocol.SaslSsl;
                config.SaslMechanism = SaslMechanism.ScramSha512;
                config.SaslUsername = options.SaslUsername;
                config.SaslPassword = options.SaslPassword;
                break;
            case KafkaAuthentication.AwsIam:
                // The token comes from the refresh handler (KafkaBearerTokens), not from librdkafka's own OIDC support.
                config.SecurityProtocol = SecurityProtocol.SaslSsl;
                config.SaslMechanism = SaslMechanism.OAuthBearer;
                break;
            default:
                config.SecurityProtocol = SecurityProtocol.Plaintext;
                break;
        }

        if (options.SslCaLocation.Length > 0)
        {
            config.SslCaLocation = options.SslCaLocation;
        }

        return config;
    }

    /// <summary>
    /// The API's producer: acks from all in-sync replicas, idempotent (a retry inside librdkafka never duplicates), keys
    /// hashed as the Java client does (murmur2), and every record either acknowledged or failed within
    /// <c>Kafka:RequestTimeoutMs</c>.
    /// </summary>
    public static ProducerConfig Producer(KafkaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new ProducerConfig(Connection(options))
        {
            Acks = Acks.All,
            EnableIdempotence = true,
            MessageTimeoutMs = options.RequestTimeoutMs,
            RequestTimeoutMs = Math.Min(options.RequestTimeoutMs, 30_000),
            LingerMs = 2,
            Partitioner = Partitioner.Murmur2Random,
            EnableDeliveryReports = true,
        };
    }

    /// <summary>
    /// The sink group's consumer: offsets committed by hand once an object is written, a new group starts at the
    /// beginning of each partition, and only committed records of transactional producers are read.
    /// </summary>
    public static ConsumerConfig Consumer(KafkaOptions options, string groupId)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new ConsumerConfig(Connection(options))
        {
            GroupId = groupId,
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            IsolationLevel = IsolationLevel.ReadCommitted,
            AllowAutoCreateTopics = false,
            SessionTimeoutMs = 10_000,
            HeartbeatIntervalMs = 1_000,
        };
    }

    /// <summary>For messages: the bootstrap servers and the key that sets them.</summary>
    public static string Describe(KafkaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return string.Create(CultureInfo.InvariantCulture, $"{KafkaOptions.Section}:BootstrapServers '{options.BootstrapServers}'");
    }
}
