using Microsoft.Extensions.Options;

namespace Pinterest.Modular.Infrastructure.Kafka.Msk;

/// <summary>
/// <c>Kafka:Authentication=AwsIam</c>: tokens signed for <c>kafka-cluster:Connect</c> with the standard AWS credentials
/// chain. The signer is made on first use (only a host that talks to MSK with IAM needs credentials).
/// </summary>
public sealed class MskIamTokenSource(IOptions<KafkaOptions> options, TimeProvider time) : IKafkaTokenSource
{
    private readonly Lazy<MskIamTokenProvider> _provider = new(() => MskIamTokenProvider.FromDefaultChain(
        options.Value.SigningRegion ?? throw new InvalidOperationException("Kafka:Region is not set and the bootstrap servers name no MSK region."),
        time));

    public async Task<KafkaBearerToken> GetTokenAsync(CancellationToken cancellationToken)
    {
        var token = await _provider.Value.GetTokenAsync(cancellationToken);
        return new KafkaBearerToken(token.Value, token.ExpiresAt, token.Principal);
    }
}
