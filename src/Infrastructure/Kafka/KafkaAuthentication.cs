namespace Pinterest.Modular.Infrastructure.Kafka;

/// <summary><c>Kafka:Authentication</c>: how the clients reach the brokers (the listeners Amazon MSK offers).</summary>
public enum KafkaAuthentication
{
    /// <summary>Plain text, no authentication (a local broker; MSK's port 9092).</summary>
    None,

    /// <summary>TLS encryption, no client authentication (MSK's port 9094).</summary>
    Tls,

    /// <summary>SASL/SCRAM-SHA-512 over TLS with <c>Kafka:SaslUsername</c> and <c>Kafka:SaslPassword</c> (MSK's port 9096).</summary>
    Scram,

    /// <summary>
    /// AWS IAM over TLS (MSK's port 9098): SASL/OAUTHBEARER with a token SigV4-signed for <c>kafka-cluster:Connect</c>
    /// from the standard AWS credentials chain, the way the AWS build's <c>AWS_MSK_IAM</c> client did.
    /// </summary>
    AwsIam,
}
