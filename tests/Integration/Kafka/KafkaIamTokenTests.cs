using Microsoft.Extensions.Logging.Abstractions;
using Pinterest.Modular.Application.Routing;
using Pinterest.Modular.Infrastructure.Kafka;
using Pinterest.Modular.Tests.Integration.Support;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace Pinterest.Modular.Tests.Integration.Kafka;

/// <summary>
/// <c>Kafka:Authentication=AwsIam</c> with Confluent.Kafka's <c>SetOAuthBearerTokenRefreshHandler</c>: every client the
/// cluster makes asks the token source when it starts, before it talks to a broker (the mock has no TLS, so nothing
/// gets further; the hand-over of the token is what is checked here, the signing in the unit tests).
/// </summary>
public sealed class KafkaIamTokenTests(KafkaMockCluster mock) : IClassFixture<KafkaMockCluster>
{
    [Fact]
    public async Task AwsIam_ProducerAdminAndConsumer_EachTakeATokenFromTheSourceAtStart()
    {
        var source = new CountingTokenSource();
        var options = new KafkaOptions
        {
            BootstrapServers = mock.BootstrapServers,
            Authentication = KafkaAuthentication.AwsIam,
            Region = "eu-west-1",
            RequestTimeoutMs = 3000,
        };
        using var cluster = new KafkaCluster(
            MsOptions.Create(options), new RouteTable(MsOptions.Create(new PipelineOptions())), source, NullLogger<KafkaCluster>.Instance);

        _ = cluster.Producer;
        await Poll.UntilAsync(() => source.Calls, n => n >= 1, "the producer to ask for a token", LandingFolder.Deadline);
        _ = cluster.Admin;
        await Poll.UntilAsync(() => source.Calls, n => n >= 2, "the admin client to ask for a token", LandingFolder.Deadline);
        using var consumer = cluster.NewConsumer("iam-check").Build();
        consumer.Consume(TimeSpan.FromMilliseconds(200)); // a consumer serves its callbacks from Consume
        await Poll.UntilAsync(() => source.Calls, n => n >= 3, "the consumer to ask for a token", LandingFolder.Deadline);

        source.Calls.Should().Be(3, "one token each at start; the next only at 80% of its 15-minute life");
    }

    private sealed class CountingTokenSource : IKafkaTokenSource
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public Task<KafkaBearerToken> GetTokenAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            return Task.FromResult(new KafkaBearerToken("signed-url-token", DateTimeOffset.UtcNow.AddMinutes(15), "iam-test"));
        }
    }
}
