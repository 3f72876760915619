using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Pinterest.Modular.Application.Routing;
using Pinterest.Modular.Infrastructure.Kinesis;

namespace Pinterest.Modular.Tests.Unit.Infrastructure.Kinesis;

public sealed class KinesisStreamProvisionerTests
{
    private const string Creating = """{"StreamDescriptionSummary":{"StreamName":"s","StreamARN":"arn:s","StreamStatus":"CREATING","RetentionPeriodHours":24,"OpenShardCount":0}}""";

    [Fact]
    public async Task EnsureActive_StreamNeverLeavesCreating_GivesUpAfterStreamActiveTimeoutNamingTheSetting()
    {
        var kinesis = new KinesisTestClient();
        kinesis.Handler.AnswerTimes(10, 200, Creating);
        var options = new KinesisOptions { ServiceUrl = kinesis.Options.ServiceUrl, StreamActiveTimeout = TimeSpan.FromSeconds(1) };
        var provisioner = new KinesisStreamProvisioner(
            kinesis.Client,
            new RouteTable(Options.Create(new PipelineOptions())),
            Options.Create(options),
            kinesis.Clock,
            NullLogger<KinesisStreamProvisioner>.Instance);

        var call = () => kinesis.RunAsync(_ => provisioner.EnsureActiveAsync("s", options, CancellationToken.None));

        (await call.Should().ThrowAsync<TimeoutException>()).Which.Message.Should()
            .Contain("Kinesis stream s is still CREATING").And.Contain("Kinesis:StreamActiveTimeout").And.Contain("http://kinesis.test:4567/");
        kinesis.Handler.Requests.Should().HaveCountLessThan(10).And.OnlyContain(r => r.Target == "Kinesis_20131202.DescribeStreamSummary");
    }

    [Fact]
    public async Task EnsureActive_StreamMissing_CreatesItWithTheShardCountThenWaitsForActive()
    {
        var kinesis = new KinesisTestClient();
        kinesis.Handler
            .Answer(400, """{"__type":"ResourceNotFoundException","message":"Stream s not found."}""")
            .Answer(200, "")
            .Answer(200, Creating)
            .Answer(200, Creating.Replace("CREATING", "ACTIVE", StringComparison.Ordinal));
        var options = new KinesisOptions { ShardCount = 4 };
        var provisioner = new KinesisStreamProvisioner(
            kinesis.Client, new RouteTable(Options.Create(new PipelineOptions())), Options.Create(options), kinesis.Clock, NullLogger<KinesisStreamProvisioner>.Instance);

        await kinesis.RunAsync(_ => provisioner.EnsureActiveAsync("s", options, CancellationToken.None));

        kinesis.Handler.Requests.Select(r => r.Target["Kinesis_20131202.".Length..]).Should().Equal(
            "DescribeStreamSummary", "CreateStream", "DescribeStreamSummary", "DescribeStreamSummary");
        kinesis.Handler.Requests[1].Body.Should().Be("""{"StreamName":"s","ShardCount":4}""");
    }
}
