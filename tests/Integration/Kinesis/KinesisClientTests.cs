using System.Text;
using Pinterest.Modular.Infrastructure.Kinesis;

namespace Pinterest.Modular.Tests.Integration.Kinesis;

/// <summary>The client against kinesalite: every operation the stream route uses, end to end.</summary>
public sealed class KinesisClientTests : KinesaliteTestClass
{
    private const string MaxHashKey = "340282366920938463463374607431768211455";

    private KinesisClient Client => Streams.Client;

    [Fact]
    public async Task CreateStream_TwoShards_IsDescribedListedAndSplitsTheHashRangeEvenly()
    {
        var stream = await Streams.CreateActiveAsync("two", shardCount: 2);

        var summary = await Client.DescribeStreamSummaryAsync(stream, CancellationToken.None);
        var names = await Client.ListStreamsAsync(CancellationToken.None);
        var shards = await Client.ListShardsAsync(stream, CancellationToken.None);

        summary.Should().BeEquivalentTo(new { StreamName = stream, Status = "ACTIVE", OpenShardCount = 2, RetentionPeriodHours = 24 });
        summary.StreamArn.Should().EndWith(":stream/" + stream);
        names.Should().Contain(stream);
        shards.Select(s => (s.ShardId, s.StartingHashKey, s.EndingHashKey, s.ParentShardId, s.EndingSequenceNumber)).Should().Equal(
            ("shardId-000000000000", "0", "170141183460469231731687303715884105727", null, null),
            ("shardId-000000000001", "170141183460469231731687303715884105728", MaxHashKey, null, null));
        shards.Should().OnlyContain(s => s.StartingSequenceNumber.Length > 0);
    }

    [Fact]
    public async Task PutRecord_ThenGetRecordsFromTrimHorizon_ReadsTheSameBytesKeyAndSequenceNumber()
    {
        var stream = await Streams.CreateActiveAsync("one");
        var before = DateTimeOffset.UtcNow.AddSeconds(-5);

        var put = await Client.PutRecordAsync(stream, new KinesisPutEntry("""{"ind":1}"""u8.ToArray(), "user-1"), CancellationToken.None);
        var records = await Streams.ReadShardAsync(stream, put.ShardId);

        put.ShardId.Should().Be("shardId-000000000000");
        var record = records.Should().ContainSingle().Subject;
        record.SequenceNumber.Should().Be(put.SequenceNumber);
        record.PartitionKey.Should().Be("user-1");
        Encoding.UTF8.GetString(record.Data.Span).Should().Be("""{"ind":1}""");
        record.ApproximateArrivalTimestamp.Should().BeAfter(before).And.BeBefore(DateTimeOffset.UtcNow.AddSeconds(5));
    }

    [Fact]
    public async Task PutRecords_OnTwoShards_RoutesByPartitionKeyAndEachShardKeepsItsRecordsInOrder()
    {
        var stream = await Streams.CreateActiveAsync("spread", shardCount: 2);
        var entries = Enumerable.Range(0, 40).Select(i => new KinesisPutEntry(Encoding.UTF8.GetBytes($"{{\"i\":{i}}}"), $"k{i % 7}")).ToArray();

        var results = await Client.PutRecordsAsync(stream, entries, CancellationToken.None);
        var shard0 = await Streams.ReadShardAsync(stream, "shardId-000000000000");
        var shard1 = await Streams.ReadShardAsync(stream, "shardId-000000000001");

        results.Should().HaveCount(40);
        results.Where(r => r.ShardId == "shardId-000000000001").Should().NotBeEmpty("md5(\"k1\") is above 2^127, so k1 goes to the second shard");
        shard0.Select(r => r.SequenceNumber).Should().Equal(results.Where(r => r.ShardId == "shardId-000000000000").Select(r => r.SequenceNumber));
        shard1.Select(r => r.SequenceNumber).Should().Equal(results.Where(r => r.ShardId == "shardId-000000000001").Select(r => r.SequenceNumber));
        shard1.Should().Contain(r => r.PartitionKey == "k1");
        shard0.Concat(shard1).Select(r => Encoding.UTF8.GetString(r.Data.Span)).Should().BeEquivalentTo(entries.Select(e => Encoding.UTF8.GetString(e.Data.Span)));
    }

    [Fact]
    public async Task GetShardIterator_AfterSequenceNumber_ResumesWithTheNextRecord()
    {
        var stream = await Streams.CreateActiveAsync("resume");
        var results = await Client.PutRecordsAsync(
            stream, [.. Enumerable.Range(0, 3).Select(i => new KinesisPutEntry(new[] { (byte)('a' + i) }, "k"))], CancellationToken.None);

        var iterator = await Client.GetShardIteratorAsync(stream, results[0].ShardId, ShardIteratorStart.After(results[0].SequenceNumber), CancellationToken.None);
        var batch = await Client.GetRecordsAsync(iterator, 10, CancellationToken.None);

        batch.Records.Select(r => r.SequenceNumber).Should().Equal(results[1].SequenceNumber, results[2].SequenceNumber);
        batch.NextShardIterator.Should().NotBeNull("an open shard never ends");
        batch.MillisBehindLatest.Should().Be(0);
    }

    [Fact]
    public async Task GetRecords_Limit_ReadsAtMostThatManyAndTheNextIteratorGoesOn()
    {
        var stream = await Streams.CreateActiveAsync("limit");
        await Client.PutRecordsAsync(stream, [.. Enumerable.Range(0, 5).Select(i => new KinesisPutEntry(new[] { (byte)i }, "k"))], CancellationToken.None);

        var iterator = await Client.GetShardIteratorAsync(stream, "shardId-000000000000", ShardIteratorStart.TrimHorizon, CancellationToken.None);
        var first = await Client.GetRecordsAsync(iterator, 2, CancellationToken.None);
        var rest = await Client.GetRecordsAsync(first.NextShardIterator!, 10, CancellationToken.None);

        first.Records.Select(r => r.Data.Span[0]).Should().Equal(0, 1);
        rest.Records.Select(r => r.Data.Span[0]).Should().Equal(2, 3, 4);
    }

    [Fact]
    public async Task ListStreams_MoreStreamsThanOnePage_FollowsHasMoreStreamsToTheEnd()
    {
        // kinesalite answers ten names a page.
        var created = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Streams.CreateActiveAsync($"page{i:D2}")));

        var names = await Client.ListStreamsAsync(CancellationToken.None);

        names.Should().Contain(created).And.OnlyHaveUniqueItems();
        names.Should().BeInAscendingOrder(StringComparer.Ordinal);
    }

    [Fact]
    public async Task DescribeStreamSummary_Missing_ThrowsResourceNotFound()
    {
        var call = () => Client.DescribeStreamSummaryAsync(Streams.Name("missing"), CancellationToken.None);

        var error = (await call.Should().ThrowAsync<KinesisException>()).Which;
        error.IsNotFound.Should().BeTrue();
        error.StatusCode.Should().Be(400);
        error.Message.Should().Contain(Streams.Name("missing"));
    }

    [Fact]
    public async Task CreateStream_ThatExists_ThrowsResourceInUse()
    {
        var stream = await Streams.CreateActiveAsync("twice");

        var call = () => Client.CreateStreamAsync(stream, 1, CancellationToken.None);

        (await call.Should().ThrowAsync<KinesisException>()).Which.ErrorType.Should().Be("ResourceInUseException");
    }

    [Fact]
    public async Task DeleteStream_RemovesIt()
    {
        var stream = await Streams.CreateActiveAsync("gone");

        await Client.DeleteStreamAsync(stream, CancellationToken.None);

        await Streams.UntilAsync(stream, "GONE");
        (await Client.ListStreamsAsync(CancellationToken.None)).Should().NotContain(stream);
    }

    [Fact]
    public async Task PutRecord_StreamMissing_ThrowsResourceNotFound()
    {
        var call = () => Client.PutRecordAsync(Streams.Name("nowhere"), new KinesisPutEntry(new byte[1], "k"), CancellationToken.None);

        (await call.Should().ThrowAsync<KinesisException>()).Which.IsNotFound.Should().BeTrue();
    }
}
