using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Pinterest.Modular.Application.Routing;
using Pinterest.Modular.Host.Api;
using Pinterest.Modular.Infrastructure.Kinesis;

namespace Pinterest.Modular.Tests.Integration.Kinesis;

/// <summary>Start-up creates the stream route's streams on kinesalite and waits until they are ACTIVE.</summary>
public sealed class KinesisProvisioningTests : KinesaliteTestClass
{

    [Fact]
    public async Task Start_StreamsMissing_CreatesThePinGeoAndUserStreamsWithShardCountAllActive()
    {
        var names = Streams.OwnPipelineStreams();

        await Provisioner(Streams.Client, new KinesisOptions { ShardCount = 2 }).StartAsync(CancellationToken.None);

        foreach (var name in names)
        {
            var summary = await Streams.Client.DescribeStreamSummaryAsync(name, CancellationToken.None);
            (summary.Status, summary.OpenShardCount).Should().Be(("ACTIVE", 2), name);
        }
    }

    [Fact]
    public async Task Start_StreamExists_KeepsItsShardsAndCreatesTheOthers()
    {
        var names = Streams.OwnPipelineStreams();
        await Streams.Client.CreateStreamAsync(names[0], 1, CancellationToken.None);

        await Provisioner(Streams.Client, new KinesisOptions { ShardCount = 3 }).StartAsync(CancellationToken.None);

        var shards = await Task.WhenAll(names.Select(n => Streams.Client.DescribeStreamSummaryAsync(n, CancellationToken.None)));
        shards.Select(s => (s.Status, s.OpenShardCount)).Should().Equal(("ACTIVE", 1), ("ACTIVE", 3), ("ACTIVE", 3));
    }

    [Fact]
    public async Task Start_TwiceAtOnce_BothFinishWithOneSetOfStreams()
    {
        var names = Streams.OwnPipelineStreams();

        await Task.WhenAll(
            Provisioner(Streams.Client, new KinesisOptions()).StartAsync(CancellationToken.None),
            Provisioner(Streams.Client, new KinesisOptions()).StartAsync(CancellationToken.None));

        (await Streams.Client.ListStreamsAsync(CancellationToken.None)).Where(n => n.Contains(Streams.Prefix, StringComparison.Ordinal))
            .Should().BeEquivalentTo(names);
    }

    [Fact]
    public async Task Start_KinesisUnreachable_FailsNamingTheEndpointAndItsSettings()
    {
        var options = new KinesisOptions { ServiceUrl = "http://127.0.0.1:9/", MaxAttempts = 2, RetryBaseDelay = TimeSpan.FromMilliseconds(10) };
        using var http = new HttpClient();
        using var client = new KinesisClient(http, options, KinesaliteStreams.Credentials, TimeProvider.System);

        var start = () => Provisioner(client, options).StartAsync(CancellationToken.None);

        (await start.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should()
            .Contain("http://127.0.0.1:9/").And.Contain("Kinesis:ServiceUrl").And.Contain("ServiceUnreachable");
    }

    private KinesisStreamProvisioner Provisioner(IKinesisClient client, KinesisOptions options) => new(
        client,
        new RouteTable(Options.Create(new PipelineOptions { TopicPrefix = Streams.Prefix })),
        Options.Create(options),
        TimeProvider.System,
        NullLogger<KinesisStreamProvisioner>.Instance);

    [Fact]
    public async Task Serve_KinesisUnreachable_FailsToStartNamingTheSettings()
    {
        using var dataDir = new TempDir("pm-kinesis-");
        await using var app = ApiHost.Build(
            new Dictionary<string, string?>
            {
                ["Pipeline:DataDir"] = dataDir.Path,
                ["Pipeline:TopicPrefix"] = Streams.Prefix,
                ["Pipeline:StreamTransport"] = "Kinesis",
                ["Kinesis:ServiceUrl"] = "http://127.0.0.1:9",
                ["Kinesis:MaxAttempts"] = "1",
                ["Scheduler:Enabled"] = "false",
            },
            ["http://127.0.0.1:0"],
            services => services.AddSingleton(KinesaliteStreams.Credentials));

        var start = () => app.StartAsync();

        (await start.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should()
            .Contain("provisioned").And.Contain("http://127.0.0.1:9").And.Contain("Kinesis:ServiceUrl");
    }
}
