using Pinterest.Modular.Infrastructure.Kafka.Msk;

namespace Pinterest.Modular.Tests.Unit.Infrastructure.Kafka.Msk;

public class MskRegionTests
{
    [Theory]
    [InlineData("b-1.demo.abc123.c2.kafka.eu-west-1.amazonaws.com:9098", "eu-west-1")]
    [InlineData("b-1.demo.abc123.c2.kafka.us-east-1.amazonaws.com:9098, b-2.demo.abc123.c2.kafka.us-east-1.amazonaws.com:9098", "us-east-1")]
    [InlineData("boot-abcd1234.c1.kafka-serverless.ap-southeast-2.amazonaws.com:9098", "ap-southeast-2")]
    [InlineData("b-1.demo.abc123.c2.kafka.us-gov-west-1.amazonaws.com:9098", "us-gov-west-1")]
    [InlineData("b-1.demo.abc123.c2.kafka.cn-north-1.amazonaws.com.cn:9098", "cn-north-1")]
    public void FromBootstrapServers_WhenEveryBrokerIsInOneMskRegion_ReturnsIt(string servers, string region)
    {
        MskRegion.FromBootstrapServers(servers).Should().Be(region);
    }

    [Theory]
    [InlineData("127.0.0.1:9092")]
    [InlineData("kafka.internal:9092,b-1.demo.abc123.c2.kafka.us-east-1.amazonaws.com:9098")]
    [InlineData("b-1.x.c2.kafka.us-east-1.amazonaws.com:9098,b-2.x.c2.kafka.eu-west-1.amazonaws.com:9098")]
    [InlineData("")]
    [InlineData(null)]
    public void FromBootstrapServers_WhenNotAllBrokersNameTheSameMskRegion_ReturnsNull(string? servers)
    {
        MskRegion.FromBootstrapServers(servers).Should().BeNull();
    }

    [Theory]
    [InlineData("us-east-1")]
    [InlineData("eu-central-2")]
    [InlineData("us-gov-west-1")]
    [InlineData("cn-northwest-1")]
    public void Problem_WhenTheRegionIsARegionName_IsNull(string region)
    {
        MskRegion.Problem(region, "Kafka:Region").Should().BeNull();
    }

    [Theory]
    [InlineData(null, "Kafka:Region is required for AWS IAM authentication: the MSK cluster's region, e.g. us-east-1.")]
    [InlineData(" ", "Kafka:Region is required for AWS IAM authentication: the MSK cluster's region, e.g. us-east-1.")]
    [InlineData("US-EAST-1", "Kafka:Region 'US-EAST-1' is not an AWS region name; use the MSK cluster's region, e.g. us-east-1.")]
    [InlineData("us-east", "Kafka:Region 'us-east' is not an AWS region name; use the MSK cluster's region, e.g. us-east-1.")]
    [InlineData("kafka.us-east-1.amazonaws.com", "Kafka:Region 'kafka.us-east-1.amazonaws.com' is not an AWS region name; use the MSK cluster's region, e.g. us-east-1.")]
    public void Problem_WhenTheRegionIsMissingOrMalformed_NamesTheKey(string? region, string message)
    {
        MskRegion.Problem(region, "Kafka:Region").Should().Be(message);
    }
}
