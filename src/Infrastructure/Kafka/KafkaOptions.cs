using Pinterest.Modular.Infrastructure.Kafka.Msk;

namespace Pinterest.Modular.Infrastructure.Kafka;

/// <summary>
/// Configuration section <c>Kafka</c>: the cluster that carries the batch route when <c>Pipeline:BatchTransport=Kafka</c>
/// (Amazon MSK, or any Kafka). Checked at start by <see cref="KafkaOptionsValidator"/>, each failure naming its key.
/// </summary>
public sealed class KafkaOptions
{
    public const string Section = "Kafka";

    /// <summary><c>Kafka:BootstrapServers</c>: <c>host:port[,host:port...]</c>, e.g. MSK's bootstrap broker string. Required.</summary>
    public string BootstrapServers { get; set; } = "";

    /// <summary><c>Kafka:Authentication</c>: <c>None</c> (the default), <c>Tls</c>, <c>Scram</c> or <c>AwsIam</c>.</summary>
    public KafkaAuthentication Authentication { get; set; } = KafkaAuthentication.None;

    /// <summary><c>Kafka:SaslUsername</c>: the SCRAM user (<c>Scram</c> only).</summary>
    public string SaslUsername { get; set; } = "";

    /// <summary><c>Kafka:SaslPassword</c>: the SCRAM password (<c>Scram</c> only); set it from the environment or a secret store.</summary>
    public string SaslPassword { get; set; } = "";

    /// <summary><c>Kafka:SslCaLocation</c>: a PEM file of CA certificates; empty trusts the system's store (enough for MSK).</summary>
    public string SslCaLocation { get; set; } = "";

    /// <summary>
    /// <c>Kafka:Region</c>: the AWS region the IAM token is signed for (<c>AwsIam</c> only), e.g. <c>us-east-1</c>;
    /// empty: the region in the MSK broker names of <see cref="BootstrapServers"/>.
    /// </summary>
    public string Region { get; set; } = "";

    /// <summary>The region IAM tokens are signed for: <see cref="Region"/>, else the one the MSK broker names carry.</summary>
    public string? SigningRegion => Region.Length > 0 ? Region : MskRegion.FromBootstrapServers(BootstrapServers);

    /// <summary>
    /// <c>Kafka:TopicPartitions</c>: partitions of each topic created at start. 3 by default: one per broker of a
    /// three-AZ MSK cluster, and room for three sink hosts in one consumer group; the batch route's rate (a few hundred
    /// records per second in the AWS build) needs no more.
    /// </summary>
    public int TopicPartitions { get; set; } = 3;

    /// <summary><c>Kafka:ReplicationFactor</c>: replicas of each topic created at start; 3 for MSK's three brokers (-1: the broker's default).</summary>
    public short ReplicationFactor { get; set; } = 3;

    /// <summary>
    /// <c>Kafka:RequestTimeoutMs</c>: the longest a produce request waits for the brokers' acknowledgement (librdkafka's
    /// <c>message.timeout.ms</c>), and the bound on start-up and metadata waits. An API request whose records are not
    /// acknowledged in time is answered 503 (error code 50003).
    /// </summary>
    public int RequestTimeoutMs { get; set; } = 10_000;

    /// <summary><c>Kafka:ConsumerGroup</c>: the sink's consumer group; hosts with the same group share the partitions.</summary>
    public string ConsumerGroup { get; set; } = "pinterest-modular-sink";

    /// <summary>
    /// <c>Kafka:SinkEnabled</c>: whether this host runs a member of the sink group (true by default). Set false on hosts
    /// that only take API requests.
    /// </summary>
    public bool SinkEnabled { get; set; } = true;

    public TimeSpan RequestTimeout => TimeSpan.FromMilliseconds(RequestTimeoutMs);
}
