using System.Text.RegularExpressions;
using Pinterest.Modular.Infrastructure.Kinesis;

namespace Pinterest.Modular.Tests.Unit.Infrastructure.Kinesis;

/// <summary>What goes on the wire: SigV4 headers, the awsJson1_1 envelope, pagination requests, and answers read back.</summary>
public sealed partial class KinesisClientWireTests
{
    [Fact]
    public async Task EveryRequest_IsSignedForKinesisWithTheExactContentTypeAndTarget()
    {
        var kinesis = new KinesisTestClient();
        kinesis.Handler.Answer(200, """{"StreamNames":[],"HasMoreStreams":false}""");

        await kinesis.RunAsync(c => c.ListStreamsAsync(CancellationToken.None));

        var sent = kinesis.Handler.Requests.Single();
        sent.Method.Should().Be(HttpMethod.Post);
        sent.Uri.Should().Be(new Uri("http://kinesis.test:4567/"));
        sent.Headers["Content-Type"].Should().Be("application/x-amz-json-1.1");
        sent.Headers["X-Amz-Target"].Should().Be("Kinesis_20131202.ListStreams");
        sent.Headers["X-Amz-Date"].Should().MatchRegex("^[0-9]{8}T[0-9]{6}Z$");
        sent.Headers.Should().ContainKey("X-Amz-Content-SHA256");
        AuthorizationHeader().IsMatch(sent.Headers["Authorization"]).Should().BeTrue(sent.Headers["Authorization"]);
        sent.Headers["Authorization"].Should().Contain("x-amz-target").And.Contain("content-type");
        sent.Body.Should().Be("{}");
    }

    [Fact]
    public async Task ListStreams_HasMoreStreams_AsksForThePageAfterTheLastName()
    {
        var kinesis = new KinesisTestClient();
        kinesis.Handler
            .Answer(200, """{"StreamNames":["a","b"],"HasMoreStreams":true}""")
            .Answer(200, """{"StreamNames":["c"],"HasMoreStreams":false}""");

        var names = await kinesis.RunAsync(c => c.ListStreamsAsync(CancellationToken.None));

        names.Should().Equal("a", "b", "c");
        kinesis.Handler.Requests.Select(r => r.Body).Should().Equal("{}", """{"ExclusiveStartStreamName":"b"}""");
    }

    [Fact]
    public async Task ListStreams_EmptyPageClaimingMore_StopsInsteadOfAskingForever()
    {
        var kinesis = new KinesisTestClient();
        kinesis.Handler.Answer(200, """{"StreamNames":[],"HasMoreStreams":true}""");

        var names = await kinesis.RunAsync(c => c.ListStreamsAsync(CancellationToken.None));

        names.Should().BeEmpty();
    }

    [Fact]
    public async Task ListShards_NextToken_AsksWithTheTokenAloneAndReturnsEveryShard()
    {
        var kinesis = new KinesisTestClient();
        kinesis.Handler
            .Answer(200, $$"""{"Shards":[{{Shard("shardId-000000000000", closed: true)}}],"NextToken":"tok-1"}""")
            .Answer(200, $$"""{"Shards":[{{Shard("shardId-000000000001", closed: false)}}]}""");

        var shards = await kinesis.RunAsync(c => c.ListShardsAsync("s", CancellationToken.None));

        kinesis.Handler.Requests.Select(r => r.Body).Should().Equal("""{"StreamName":"s"}""", """{"NextToken":"tok-1"}""");
        shards.Should().Equal(
            new KinesisShard("shardId-000000000000", null, null, "0", "340282366920938463463374607431768211455", "100", "199"),
            new KinesisShard("shardId-000000000001", "shardId-000000000000", null, "0", "340282366920938463463374607431768211455", "100", null));
    }

    [Fact]
    public async Task GetRecords_ReadsBase64DataEpochSecondTimestampsAndTheEndOfAClosedShard()
    {
        var kinesis = new KinesisTestClient();
        kinesis.Handler.Answer(200, """
            {"Records":[{"SequenceNumber":"495","ApproximateArrivalTimestamp":1795282155.823,"Data":"eyJhIjoxfQ==","PartitionKey":"k"}],"MillisBehindLatest":1500}
            """);

        var batch = await kinesis.RunAsync(c => c.GetRecordsAsync("iter", 100, CancellationToken.None));

        kinesis.Handler.Requests[0].Body.Should().Be("""{"ShardIterator":"iter","Limit":100}""");
        var record = batch.Records.Should().ContainSingle().Subject;
        record.SequenceNumber.Should().Be("495");
        record.PartitionKey.Should().Be("k");
        record.Data.ToArray().Should().Equal("""{"a":1}"""u8.ToArray());
        record.ApproximateArrivalTimestamp.Should().Be(DateTimeOffset.FromUnixTimeMilliseconds(1_795_282_155_823));
        batch.NextShardIterator.Should().BeNull();
        batch.MillisBehindLatest.Should().Be(1500);
    }

    [Theory]
    [InlineData(ShardIteratorType.TrimHorizon, null, """{"StreamName":"s","ShardId":"shardId-000000000000","ShardIteratorType":"TRIM_HORIZON"}""")]
    [InlineData(ShardIteratorType.Latest, null, """{"StreamName":"s","ShardId":"shardId-000000000000","ShardIteratorType":"LATEST"}""")]
    [InlineData(ShardIteratorType.AfterSequenceNumber, "42", """{"StreamName":"s","ShardId":"shardId-000000000000","ShardIteratorType":"AFTER_SEQUENCE_NUMBER","StartingSequenceNumber":"42"}""")]
    [InlineData(ShardIteratorType.AtSequenceNumber, "42", """{"StreamName":"s","ShardId":"shardId-000000000000","ShardIteratorType":"AT_SEQUENCE_NUMBER","StartingSequenceNumber":"42"}""")]
    public async Task GetShardIterator_WritesTheIteratorTypeAsKinesisSpellsIt(ShardIteratorType type, string? sequenceNumber, string expected)
    {
        var kinesis = new KinesisTestClient();
        kinesis.Handler.Answer(200, """{"ShardIterator":"AAAA"}""");

        var iterator = await kinesis.RunAsync(c => c.GetShardIteratorAsync("s", "shardId-000000000000", new ShardIteratorStart(type, sequenceNumber), CancellationToken.None));

        iterator.Should().Be("AAAA");
        kinesis.Handler.Requests[0].Body.Should().Be(expected);
    }

    [Fact]
    public async Task DescribeStreamSummary_ReadsTheSummary()
    {
        var kinesis = new KinesisTestClient();
        kinesis.Handler.Answer(200, """
            {"StreamDescriptionSummary":{"StreamName":"s","StreamARN":"arn:aws:kinesis:us-east-1:000000000000:stream/s","StreamStatus":"ACTIVE","RetentionPeriodHours":24,"StreamCreationTimestamp":1795282155.0,"OpenShardCount":2,"EnhancedMonitoring":[{"ShardLevelMetrics":[]}],"EncryptionType":"NONE"}}
            """);

        var summary = await kinesis.RunAsync(c => c.DescribeStreamSummaryAsync("s", CancellationToken.None));

        summary.Should().Be(new KinesisStreamSummary("s", "arn:aws:kinesis:us-east-1:000000000000:stream/s", "ACTIVE", 2, 24));
    }

    [Fact]
    public async Task CreateStream_EmptyAnswer_IsSuccess()
    {
        var kinesis = new KinesisTestClient();
        kinesis.Handler.Answer(200, "");

        await kinesis.RunAsync(c => c.CreateStreamAsync("s", 3, CancellationToken.None));

        kinesis.Handler.Requests[0].Body.Should().Be("""{"StreamName":"s","ShardCount":3}""");
        kinesis.Handler.Requests[0].Target.Should().Be("Kinesis_20131202.CreateStream");
    }

    private static string Shard(string id, bool closed)
    {
        var parent = closed ? "" : "\"ParentShardId\":\"shardId-000000000000\",";
        var ending = closed ? ",\"EndingSequenceNumber\":\"199\"" : "";
        return $$$"""{"ShardId":"{{{id}}}",{{{parent}}}"HashKeyRange":{"StartingHashKey":"0","EndingHashKey":"340282366920938463463374607431768211455"},"SequenceNumberRange":{"StartingSequenceNumber":"100"{{{ending}}}}}""";
    }

    [GeneratedRegex(@"^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/[0-9]{8}/eu-west-1/kinesis/aws4_request, SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}$")]
    private static partial Regex AuthorizationHeader();
}
