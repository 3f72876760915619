namespace Pinterest.Modular.Infrastructure.Kafka.Msk;

/// <summary>
/// A SASL/OAUTHBEARER token for an MSK cluster with IAM access control: <see cref="Value"/> is the base64url form
/// (no padding) of a SigV4-presigned <c>kafka-cluster:Connect</c> URL, valid until <see cref="ExpiresAt"/>.
/// <see cref="Principal"/> is only a name for the client's logs (librdkafka requires one); the broker takes the
/// identity from the signature.
/// </summary>
public sealed record MskIamToken(string Value, DateTimeOffset ExpiresAt, string Principal)
{
    /// <summary>
    /// How long before <see cref="ExpiresAt"/> a caller that keeps the token should replace it: a fifth of its
    /// 15-minute life, the point at which librdkafka asks for a new one by itself (it schedules the refresh 80% through
    /// the lifetime handed to <c>OAuthBearerSetToken</c>).
    /// </summary>
    public static TimeSpan RefreshMargin { get; } = MskIamTokenProvider.TokenLifetime / 5;

    /// <summary>What <c>IClient.OAuthBearerSetToken(value, lifetimeMs, principal)</c> takes: milliseconds since the Unix epoch.</summary>
    public long ExpiresAtUnixMilliseconds => ExpiresAt.ToUnixTimeMilliseconds();

    /// <summary>When to ask for the next token.</summary>
    public DateTimeOffset RefreshAt => ExpiresAt - RefreshMargin;

    /// <summary>Keeps the bearer secret out of logs: the value grants access to the cluster for 15 minutes.</summary>
    public override string ToString() => $"MskIamToken {{ Principal = {Principal}, ExpiresAt = {ExpiresAt:O} }}";
}
