using System.Text.Json;
using Pinterest.Modular.Application.Ingest;
using Pinterest.Modular.Application.Routing;
using Pinterest.Modular.Infrastructure.Kinesis;

namespace Pinterest.Modular.Tests.Unit.Infrastructure.Kinesis;

public sealed class KinesisStreamWriterTests
{
    [Fact]
    public async Task Append_OneRecord_PutsItWithItsPartitionKeyAndAcksShardAndSequenceNumber()
    {
        var kinesis = new KinesisTestClient();
        kinesis.Handler.Answer(200, """{"ShardId":"shardId-000000000003","SequenceNumber":"4959"}""");
        var writer = new KinesisStreamWriter(kinesis.Client, new KinesisAcceptedCounts());

        var acks = await writer.AppendAsync("s", [new IngestRecord("""{"a":1}"""u8.ToArray(), "user-7")], CancellationToken.None);

        acks.Should().Equal(new RecordAck(3, KinesisStreamWriter.NoOffset, "4959"));
        kinesis.Handler.Requests[0].Target.Should().Be("Kinesis_20131202.PutRecord");
        kinesis.Handler.Requests[0].Body.Should().Be("""{"StreamName":"s","Data":"eyJhIjoxfQ==","PartitionKey":"user-7"}""");
    }

    [Fact]
    public async Task Append_SeveralRecords_PutsThemInOneRequestAndAcksInOrder()
    {
        var kinesis = new KinesisTestClient();
        kinesis.Handler.Answer(200, """{"FailedRecordCount":0,"Records":[{"ShardId":"shardId-000000000001","SequenceNumber":"10"},{"ShardId":"shardId-000000000000","SequenceNumber":"11"}]}""");
        var writer = new KinesisStreamWriter(kinesis.Client, new KinesisAcceptedCounts());

        var acks = await writer.AppendAsync("s", [new IngestRecord("{}"u8.ToArray(), "a"), new IngestRecord("[]"u8.ToArray(), "b")], CancellationToken.None);

        acks.Select(a => (a.Partition, a.SequenceNumber)).Should().Equal((1, "10"), (0, "11"));
        kinesis.Handler.Requests.Should().ContainSingle().Which.Target.Should().Be("Kinesis_20131202.PutRecords");
    }

    [Fact]
    public void PartitionKey_WithoutAKey_IsAStableHashOfTheRecord()
    {
        var first = KinesisStreamWriter.PartitionKeyOf(new IngestRecord("""{"index":1}"""u8.ToArray()));

        first.Should().Be(KinesisStreamWriter.PartitionKeyOf(new IngestRecord("""{"index":1}"""u8.ToArray())));
        first.Should().NotBe(KinesisStreamWriter.PartitionKeyOf(new IngestRecord("""{"index":2}"""u8.ToArray())));
        first.Length.Should().Be(64);
    }

    [Fact]
    public void PartitionKey_LongerThanKinesisTakes_IsHashedToFit()
    {
        var key = KinesisStreamWriter.PartitionKeyOf(new IngestRecord("{}"u8.ToArray(), new string('k', 300)));

        key.Length.Should().Be(64);
    }

    [Theory]
    [InlineData("shardId-000000000000", 0)]
    [InlineData("shardId-000000000012", 12)]
    public void ShardIndex_ReadsTheNumberOfTheShardId(string shardId, int index) =>
        KinesisStreamWriter.ShardIndex(shardId).Should().Be(index);

    [Fact]
    public async Task Append_StreamMissing_ThrowsDestinationMissing()
    {
        var kinesis = new KinesisTestClient();
        kinesis.Handler.Answer(400, """{"__type":"ResourceNotFoundException","message":"Stream s under account 000000000000 not found."}""");
        var writer = new KinesisStreamWriter(kinesis.Client, new KinesisAcceptedCounts());

        var call = () => writer.AppendAsync("s", [new IngestRecord("{}"u8.ToArray(), "k")], CancellationToken.None);

        (await call.Should().ThrowAsync<DestinationMissingException>()).Which.Message.Should().Be("Stream s not found in Kinesis.");
    }

    [Fact]
    public async Task Append_KinesisUnreachable_ThrowsTransportUnavailableNamingTheCause()
    {
        var kinesis = new KinesisTestClient(maxAttempts: 1);
        kinesis.Handler.Throw(new HttpRequestException("Connection refused"));
        var writer = new KinesisStreamWriter(kinesis.Client, new KinesisAcceptedCounts());

        var call = () => writer.AppendAsync("s", [new IngestRecord("{}"u8.ToArray(), "k")], CancellationToken.None);

        (await call.Should().ThrowAsync<TransportUnavailableException>()).Which.Message.Should().Contain("stream s").And.Contain("Connection refused");
    }

    [Fact]
    public async Task Append_NoRecords_SendsNothing()
    {
        var kinesis = new KinesisTestClient();

        var acks = await new KinesisStreamWriter(kinesis.Client, new KinesisAcceptedCounts()).AppendAsync("s", [], CancellationToken.None);

        acks.Should().BeEmpty();
        kinesis.Handler.Requests.Should().BeEmpty();
    }
}
