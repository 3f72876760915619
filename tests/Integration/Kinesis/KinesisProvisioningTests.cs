using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Pinterest.Modular.Application.Routing;
using Pinterest.Modular.Host.Api;
using Pinterest.Modular.Infrastructure.Kinesis;

namespace Pinterest.Modular.Tests.Integration.Kinesis;

/// <summary>Start-up creates the stream route's streams on kinesalite and waits until they are ACTIVE.</summary>
public sealed class KinesisProvisioningTests : IAsyncLifetime
{
    private KinesaliteStreams _streams = null!;

    public Task InitializeAsync()
    {
        _streams = KinesaliteStreams.Open();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _streams.DisposeAsync();

    [Fact]
    public async Task Start_StreamsMissing_CreatesThePinGeoAndUserStreamsWithShardCountAllActive()
    {
        var names = _streams.OwnPipelineStreams();

        await Provisioner(_streams.Client, new KinesisOptions { ShardCount = 2 }).StartAsync(CancellationToken.None);

        foreach (var name in names)
        {
            var summary = await _streams.Client.DescribeStreamSummaryAsync(name, CancellationToken.None);
            (summary.Status, summary.OpenShardCount).Should().Be(("ACTIVE", 2), name);
        }
    }

    [Fact]
    public async Task Start_StreamExists_KeepsItsShardsAndCreatesTheOthers()
    {
        var names = _streams.OwnPipelineStreams();
        await _streams.Client.CreateStreamAsync(names[0], 1, CancellationToken.None);

        await Provisioner(_streams.Client, new KinesisOptions { ShardCount = 3 }).StartAsync(CancellationToken.None);

        var shards = await Task.WhenAll(names.Select(n => _streams.Client.DescribeStreamSummaryAsync(n, CancellationToken.None)));
        shards.Select(s => (s.Status, s.OpenShardCount)).Should().Equal(("ACTIVE", 1), ("ACTIVE", 3), ("ACTIVE", 3));
    }

    [Fact]
    public async Task Start_TwiceAtOnce_BothFinishWithOneSetOfStreams()
    {
        var names = _streams.OwnPipelineStreams();

        await Task.WhenAll(
            Provisioner(_streams.Client, new KinesisOptions()).StartAsync(CancellationToken.None),
            Provisioner(_streams.Client, new KinesisOptions()).StartAsync(CancellationToken.None));

        (await _streams.Client.ListStreamsAsync(CancellationToken.None)).Where(n => n.Contains(_streams.Prefix, StringComparison.Ordinal))
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
        new RouteTable(Options.Create(new PipelineOptions { TopicPrefix = _streams.Prefix })),
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
                ["Pipeline:TopicPrefix"] = _streams.Prefix,
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
