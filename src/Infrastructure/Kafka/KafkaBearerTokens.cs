using Confluent.Kafka;

namespace Pinterest.Modular.Infrastructure.Kafka;

/// <summary>
/// Answers librdkafka's OAUTHBEARER refresh callback (at start, and at 80 % of each token's life) from an
/// <see cref="IKafkaTokenSource"/>. The callback runs on the client's poll thread, so the wait for a token is bounded.
/// </summary>
public sealed class KafkaBearerTokens(IKafkaTokenSource source, TimeSpan timeout)
{
    public void Refresh(IClient client, string config)
    {
        ArgumentNullException.ThrowIfNull(client);
        try
        {
            var token = source.GetTokenAsync(CancellationToken.None).WaitAsync(timeout).GetAwaiter().GetResult();
            client.OAuthBearerSetToken(token.Value, token.ExpiresAt.ToUnixTimeMilliseconds(), token.Principal);
        }
#pragma warning disable CA1031 // Whatever went wrong must reach librdkafka as a failure, or the client waits for a token forever.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            client.OAuthBearerSetTokenFailure($"Kafka:Authentication=AwsIam: no token: {ex.Message}");
        }
    }
}
