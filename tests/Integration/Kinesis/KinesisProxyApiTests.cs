using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Pinterest.Modular.Infrastructure.Kinesis;
using Pinterest.Modular.Tests.Integration.Api;

namespace Pinterest.Modular.Tests.Integration.Kinesis;

/// <summary>
/// The API's Kinesis proxy with <c>Pipeline:StreamTransport=Kinesis</c>: the host creates its streams on kinesalite at
/// start, a PUT lands there (an independent read finds it), and describe shows the real stream.
/// </summary>
public sealed class KinesisProxyApiTests : KinesaliteTestClass
{
    private SwitchableHandler _network = null!;
    private ApiServer? _server;

    private HttpClient Api => _server!.Client;

    private string PinStream => $"streaming-{Streams.Prefix}-pin";

    private string UserStream => $"streaming-{Streams.Prefix}-user";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _network = SwitchableHandler.Create();
        Streams.OwnPipelineStreams();
        _server = await ApiServer.StartAsync(
            new Dictionary<string, string?>
            {
                ["Pipeline:TopicPrefix"] = Streams.Prefix,
                ["Pipeline:StreamTransport"] = "Kinesis",
                ["Kinesis:ServiceUrl"] = KinesaliteStreams.ServiceUrl.ToString(),
            },
            configureServices: services => services.AddSingleton<IKinesisClient>(_ => new KinesisClient(
                new HttpClient(_network),
                new KinesisOptions { ServiceUrl = KinesaliteStreams.ServiceUrl.ToString(), MaxAttempts = 2, RetryBaseDelay = TimeSpan.FromMilliseconds(10) },
                KinesaliteStreams.Credentials,
                TimeProvider.System)));
    }

    public override async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        await base.DisposeAsync();
        _network.Dispose();
    }

    [Fact]
    public async Task PutRecord_LandsInKinesisWithItsPartitionKey()
    {
        var answer = await HttpExchange.SendAsync(Api, HttpMethod.Put, $"streams/{UserStream}/record", EmulatorPayloads.Json, EmulatorPayloads.PutRecord(UserStream, EmulatorPayloads.User, "user-2863"));

        answer.Status.Should().Be(HttpStatusCode.OK, answer.ToString());
        var stored = (await Streams.ReadShardAsync(UserStream, "shardId-000000000000")).Should().ContainSingle().Subject;
        answer.StringProperty("SequenceNumber").Should().Be(stored.SequenceNumber);
        answer.StringProperty("ShardId").Should().Be("shardId-000000000000");
        stored.PartitionKey.Should().Be("user-2863");
        Encoding.UTF8.GetString(stored.Data.Span).Should().Be(EmulatorPayloads.User, "the row is stored as the client sent it (on one line)");
    }

    [Fact]
    public async Task PutRecords_LandInKinesisInOrder()
    {
        var geoStream = $"streaming-{Streams.Prefix}-geo";

        var answer = await HttpExchange.SendAsync(
            Api, HttpMethod.Put, $"streams/{geoStream}/records", EmulatorPayloads.Json, EmulatorPayloads.PutRecords("""{"ind":1}""", """{"ind":2}""", """{"ind":3}"""));

        answer.Status.Should().Be(HttpStatusCode.OK, answer.ToString());
        answer.Body.Should().StartWith("""{"FailedRecordCount":0,"Records":[{"SequenceNumber":""");
        (await Streams.ReadShardAsync(geoStream, "shardId-000000000000")).Select(r => Encoding.UTF8.GetString(r.Data.Span))
            .Should().Equal("""{"ind":1}""", """{"ind":2}""", """{"ind":3}""");
    }

    [Fact]
    public async Task DescribeStream_ShowsTheStreamKinesisHolds()
    {
        var shard = (await Streams.Client.ListShardsAsync(PinStream, CancellationToken.None)).Single();

        var answer = await HttpExchange.SendAsync(Api, HttpMethod.Get, $"streams/{PinStream}");

        answer.ShouldBeOk(
            IngestAnswers.KinesisJson,
            $$$"""{"StreamDescription":{"StreamName":"{{{PinStream}}}","StreamARN":"arn:aws:kinesis:us-east-1:000000000000:stream/{{{PinStream}}}","StreamStatus":"ACTIVE","Shards":[{"ShardId":"shardId-000000000000","HashKeyRange":{"StartingHashKey":"0","EndingHashKey":"340282366920938463463374607431768211455"},"SequenceNumberRange":{"StartingSequenceNumber":"{{{shard.StartingSequenceNumber}}}"}}],"HasMoreShards":false,"RetentionPeriodHours":24,"EncryptionType":"NONE"}}""");
    }

    [Fact]
    public async Task PutRecord_StreamDeletedBehindThePipelinesBack_AnswersResourceNotFound()
    {
        var userStream = UserStream;
        await Streams.Client.DeleteStreamAsync(userStream, CancellationToken.None);
        await Streams.UntilAsync(userStream, "GONE");

        var answer = await HttpExchange.SendAsync(Api, HttpMethod.Put, $"streams/{userStream}/record", EmulatorPayloads.Json, EmulatorPayloads.PutRecord(userStream, EmulatorPayloads.User));
        var describe = await HttpExchange.SendAsync(Api, HttpMethod.Get, $"streams/{userStream}");

        answer.ShouldBeKinesisError("ResourceNotFoundException", userStream);
        describe.ShouldBeKinesisError("ResourceNotFoundException", userStream);
    }

    [Fact]
    public async Task PutRecordAndDescribe_KinesisUnreachable_Answer503ServiceUnavailable()
    {
        _network.Down = true;

        var put = await HttpExchange.SendAsync(Api, HttpMethod.Put, $"streams/{PinStream}/record", EmulatorPayloads.Json, EmulatorPayloads.PutRecord(PinStream, EmulatorPayloads.Pin));
        var describe = await HttpExchange.SendAsync(Api, HttpMethod.Get, $"streams/{PinStream}");

        put.ShouldBeKinesisError(HttpStatusCode.ServiceUnavailable, "ServiceUnavailableException", PinStream, "Connection refused");
        describe.ShouldBeKinesisError(HttpStatusCode.ServiceUnavailable, "ServiceUnavailableException", PinStream);
    }

    /// <summary>The network between the host and kinesalite, which a test can take down.</summary>
    private sealed class SwitchableHandler() : DelegatingHandler(new SocketsHttpHandler())
    {
        public static SwitchableHandler Create() => new();

        public bool Down { get; set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Down ? throw new HttpRequestException("Connection refused (the test took the network down)") : base.SendAsync(request, cancellationToken);
    }
}
