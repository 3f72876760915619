namespace Pinterest.Modular.Infrastructure.Kafka;

/// <summary>An OAUTHBEARER token for the brokers: its value, when it expires, and the principal it names.</summary>
public sealed record KafkaBearerToken(string Value, DateTimeOffset ExpiresAt, string Principal);

/// <summary>
/// Where <c>Kafka:Authentication=AwsIam</c> gets its tokens: the MSK IAM signer (Kafka/Msk) behind this seam. The
/// clients ask for a token when they start and again before it expires.
/// </summary>
public interface IKafkaTokenSource
{
    Task<KafkaBearerToken> GetTokenAsync(CancellationToken cancellationToken);
}
