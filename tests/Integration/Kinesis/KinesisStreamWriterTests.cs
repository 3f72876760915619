using System.Text;
using Pinterest.Modular.Application.Ingest;
using Pinterest.Modular.Application.Routing;
using Pinterest.Modular.Infrastructure.Kinesis;

namespace Pinterest.Modular.Tests.Integration.Kinesis;

/// <summary>The stream route's writer on kinesalite: what it acks is what a reader finds.</summary>
public sealed class KinesisStreamWriterTests : KinesaliteTestClass
{

    [Fact]
    public async Task Append_Records_AcksEachWithItsShardAndTheSequenceNumberAReaderSees()
    {
        var stream = await Streams.CreateActiveAsync("writer", shardCount: 2);
        var writer = new KinesisStreamWriter(Streams.Client, new KinesisAcceptedCounts());
        IngestRecord[] records = [.. Enumerable.Range(0, 10).Select(i => new IngestRecord(Encoding.UTF8.GetBytes($"{{\"ind\":{i}}}"), $"k{i}"))];

        var acks = await writer.AppendAsync(stream, records, CancellationToken.None);

        var read = (await Streams.ReadShardAsync(stream, "shardId-000000000000"))
            .Select(r => (Partition: 0, r.SequenceNumber, Key: r.PartitionKey))
            .Concat((await Streams.ReadShardAsync(stream, "shardId-000000000001")).Select(r => (Partition: 1, r.SequenceNumber, Key: r.PartitionKey)))
            .ToDictionary(r => r.Key);
        acks.Should().HaveCount(10);
        for (var i = 0; i < records.Length; i++)
        {
            (acks[i].Partition, acks[i].SequenceNumber).Should().Be((read[$"k{i}"].Partition, read[$"k{i}"].SequenceNumber), "record {0}", i);
        }
    }

    [Fact]
    public async Task Append_OneRecordWithoutKey_IsStoredUnderTheHashOfItsBytes()
    {
        var stream = await Streams.CreateActiveAsync("nokey");
        var record = new IngestRecord("""{"ind":5}"""u8.ToArray());

        var acks = await new KinesisStreamWriter(Streams.Client, new KinesisAcceptedCounts()).AppendAsync(stream, [record], CancellationToken.None);

        var stored = (await Streams.ReadShardAsync(stream, "shardId-000000000000")).Should().ContainSingle().Subject;
        stored.SequenceNumber.Should().Be(acks[0].SequenceNumber);
        stored.PartitionKey.Should().Be(KinesisStreamWriter.PartitionKeyOf(record));
    }

    [Fact]
    public async Task Append_StreamMissing_ThrowsDestinationMissing()
    {
        var writer = new KinesisStreamWriter(Streams.Client, new KinesisAcceptedCounts());

        var call = () => writer.AppendAsync(Streams.Name("absent"), [new IngestRecord("{}"u8.ToArray(), "k")], CancellationToken.None);

        await call.Should().ThrowAsync<DestinationMissingException>();
    }
}
