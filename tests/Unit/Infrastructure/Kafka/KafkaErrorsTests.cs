using Confluent.Kafka;
using Pinterest.Modular.Application.Routing;
using Pinterest.Modular.Infrastructure.Kafka;

namespace Pinterest.Modular.Tests.Unit.Infrastructure.Kafka;

public sealed class KafkaErrorsTests
{
    private static readonly KafkaOptions Options = new() { BootstrapServers = "b-1.msk:9098" };

    [Theory]
    [InlineData(ErrorCode.SaslAuthenticationFailed, TransportRefusal.NotAuthenticated)]
    [InlineData(ErrorCode.Local_Authentication, TransportRefusal.NotAuthenticated)]
    [InlineData(ErrorCode.TopicAuthorizationFailed, TransportRefusal.NotAuthorized)]
    [InlineData(ErrorCode.ClusterAuthorizationFailed, TransportRefusal.NotAuthorized)]
    [InlineData(ErrorCode.MsgSizeTooLarge, TransportRefusal.Rejected)]
    [InlineData(ErrorCode.InvalidRecord, TransportRefusal.Rejected)]
    public void ForRecords_WhenARetryCannotHelp_IsARefusalSayingWhy(ErrorCode code, TransportRefusal refusal)
    {
        var error = KafkaErrors.ForRecords(new Error(code, "broker says no"), "p.pin", Options);

        error.Should().BeOfType<TransportRejectedException>().Which.Refusal.Should().Be(refusal);
        error.Message.Should().Contain("p.pin").And.Contain("broker says no");
    }

    [Theory]
    [InlineData(ErrorCode.Local_MsgTimedOut)]
    [InlineData(ErrorCode.Local_AllBrokersDown)]
    [InlineData(ErrorCode.Local_QueueFull)]
    [InlineData(ErrorCode.NotLeaderForPartition)]
    [InlineData(ErrorCode.NotEnoughReplicas)]
    public void ForRecords_WhenARetryMaySucceed_IsUnavailableNamingTheBootstrapServers(ErrorCode code)
    {
        var error = KafkaErrors.ForRecords(new Error(code, "try later"), "p.geo", Options);

        error.Should().BeOfType<TransportUnavailableException>().Which.Message.Should().Contain("Kafka:BootstrapServers 'b-1.msk:9098'");
    }
}
