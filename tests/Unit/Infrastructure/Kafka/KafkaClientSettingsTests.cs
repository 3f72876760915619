using Confluent.Kafka;
using Pinterest.Modular.Infrastructure.Kafka;

namespace Pinterest.Modular.Tests.Unit.Infrastructure.Kafka;

public sealed class KafkaClientSettingsTests
{
    [Theory]
    [InlineData(KafkaAuthentication.None, SecurityProtocol.Plaintext, null)]
    [InlineData(KafkaAuthentication.Tls, SecurityProtocol.Ssl, null)]
    [InlineData(KafkaAuthentication.Scram, SecurityProtocol.SaslSsl, SaslMechanism.ScramSha512)]
    [InlineData(KafkaAuthentication.AwsIam, SecurityProtocol.SaslSsl, SaslMechanism.OAuthBearer)]
    public void Connection_ForEachAuthentication_UsesMsksListenerSettings(KafkaAuthentication authentication, SecurityProtocol protocol, SaslMechanism? mechanism)
    {
        var options = new KafkaOptions { BootstrapServers = "b-1.msk:9098", Authentication = authentication, SaslUsername = "u", SaslPassword = "p" };

        var config = KafkaClientSettings.Connection(options);

        config.BootstrapServers.Should().Be("b-1.msk:9098");
        config.SecurityProtocol.Should().Be(protocol);
        config.SaslMechanism.Should().Be(mechanism);
        config.SaslUsername.Should().Be(authentication == KafkaAuthentication.Scram ? "u" : null, "credentials go only where SCRAM uses them");
    }

    [Fact]
    public void Producer_AcknowledgedByAllReplicas_IdempotentAndBoundedByTheRequestTimeout()
    {
        var config = KafkaClientSettings.Producer(new KafkaOptions { BootstrapServers = "k:9092", RequestTimeoutMs = 4321 });

        config.Acks.Should().Be(Acks.All);
        config.EnableIdempotence.Should().BeTrue();
        config.MessageTimeoutMs.Should().Be(4321, "a record is acknowledged or failed within Kafka:RequestTimeoutMs");
        config.Partitioner.Should().Be(Partitioner.Murmur2Random, "keys land where the Java client (kafka-rest) puts them");
    }

    [Fact]
    public void Consumer_CommitsOnlyByHandAndStartsAtTheBeginning()
    {
        var config = KafkaClientSettings.Consumer(new KafkaOptions { BootstrapServers = "k:9092" }, "group-a");

        config.GroupId.Should().Be("group-a");
        config.EnableAutoCommit.Should().BeFalse("offsets are committed only after the object is written");
        config.AutoOffsetReset.Should().Be(AutoOffsetReset.Earliest);
    }

    [Fact]
    public void EveryClient_BacksOffAtMostOneSecondBetweenReconnects_AsTheJavaClientsDo()
    {
        var options = new KafkaOptions { BootstrapServers = "k:9092" };

        // librdkafka's own default is 10 s: a broker that is back would stay unused that long while ingest answers 503.
        KafkaClientSettings.Connection(options).ReconnectBackoffMaxMs.Should().Be(1000, "the admin client is built on this");
        KafkaClientSettings.Producer(options).ReconnectBackoffMaxMs.Should().Be(1000);
        KafkaClientSettings.Consumer(options, "group-a").ReconnectBackoffMaxMs.Should().Be(1000);
    }
}
