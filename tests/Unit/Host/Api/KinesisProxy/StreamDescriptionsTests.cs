using Pinterest.Modular.Application.Routing;
using Pinterest.Modular.Host.Api.KinesisProxy;
using Pinterest.Modular.Infrastructure.Kinesis;
using Pinterest.Modular.Tests.Unit.Infrastructure.Kinesis;

namespace Pinterest.Modular.Tests.Unit.Host.Api.KinesisProxy;

/// <summary>What the Kinesis proxy's DescribeStream answers with: Kinesis's own description, or a transport's catalog as Kinesis would say it.</summary>
public sealed class StreamDescriptionsTests
{
    [Fact]
    public async Task Kinesis_DescribesTheStreamWithEveryShard()
    {
        var kinesis = new KinesisTestClient();
        kinesis.Handler
            .Answer(200, """{"StreamDescriptionSummary":{"StreamName":"s","StreamARN":"arn:s","StreamStatus":"ACTIVE","RetentionPeriodHours":48,"OpenShardCount":1}}""")
            .Answer(200, """{"Shards":[{"ShardId":"shardId-000000000000","HashKeyRange":{"StartingHashKey":"0","EndingHashKey":"9"},"SequenceNumberRange":{"StartingSequenceNumber":"1"}}]}""");

        var description = await new KinesisStreamDescriptions(kinesis.Client).DescribeAsync("s", CancellationToken.None);

        description.Should().BeEquivalentTo(new StreamDescription("s", "arn:s", "ACTIVE", 48, [new KinesisShard("shardId-000000000000", null, null, "0", "9", "1", null)]));
    }

    [Fact]
    public async Task Kinesis_StreamMissing_AnswersNull()
    {
        var kinesis = new KinesisTestClient();
        kinesis.Handler.Answer(400, """{"__type":"ResourceNotFoundException","message":"not found"}""");

        var description = await new KinesisStreamDescriptions(kinesis.Client).DescribeAsync("s", CancellationToken.None);

        description.Should().BeNull();
    }

    [Fact]
    public async Task Catalog_OneShard_TakesTheWholeHashRangeUnderALocalArn()
    {
        var catalog = new FixedCatalog(new StreamState("s", "ACTIVE", ["shardId-000000000000"]));

        var description = await new CatalogStreamDescriptions(catalog).DescribeAsync("s", CancellationToken.None);

        description.Should().BeEquivalentTo(new StreamDescription(
            "s", "arn:aws:kinesis:local:000000000000:stream/s", "ACTIVE", 24,
            [new KinesisShard("shardId-000000000000", null, null, "0", "340282366920938463463374607431768211455", "0", null)]));
    }

    [Fact]
    public async Task Catalog_FiveShards_SplitTheHashRangeAsKinesisDoes()
    {
        var catalog = new FixedCatalog(new StreamState("s", "ACTIVE", [.. Enumerable.Range(0, 5).Select(i => $"shardId-00000000000{i}")]));

        var shards = (await new CatalogStreamDescriptions(catalog).DescribeAsync("s", CancellationToken.None))!.Shards;

        // The API Gateway tutorial's 5-shard stream (protocols.md §3.4).
        shards[0].EndingHashKey.Should().Be("68056473384187692692674921486353642290");
        shards[4].StartingHashKey.Should().Be("272225893536750770770699685945414569164");
        shards[4].EndingHashKey.Should().Be("340282366920938463463374607431768211455");
        shards.Zip(shards.Skip(1)).Should().OnlyContain(p =>
            System.Numerics.BigInteger.Parse(p.First.EndingHashKey, System.Globalization.CultureInfo.InvariantCulture) + 1
            == System.Numerics.BigInteger.Parse(p.Second.StartingHashKey, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Catalog_StreamMissing_AnswersNull()
    {
        var description = await new CatalogStreamDescriptions(new FixedCatalog(null)).DescribeAsync("s", CancellationToken.None);

        description.Should().BeNull();
    }

    private sealed class FixedCatalog(StreamState? state) : IStreamCatalog
    {
        public Task<StreamState?> DescribeAsync(string stream, CancellationToken cancellationToken) => Task.FromResult(state);
    }
}
