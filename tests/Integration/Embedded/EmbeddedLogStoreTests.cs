using System.ComponentModel.DataAnnotations;
using Pinterest.Modular.Application.Ingest;
using Pinterest.Modular.Application.Routing;
using Pinterest.Modular.Infrastructure.Embedded;

namespace Pinterest.Modular.Tests.Integration.Embedded;

public sealed class EmbeddedLogStoreTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task AppendAsync_WithExplicitPartition_WritesThatPartitionsFileAndAcksOffsetAsSequenceNumber()
    {
        await using var store = EmbeddedTestHost.LogStore(_dir.Path, partitions: 3);
        ITopicWriter topics = store;

        var acks = await topics.AppendAsync("t.pin", EmbeddedTestHost.Records(0, 3, partition: 2), CancellationToken.None);

        acks.Should().Equal(new RecordAck(2, 0, "0"), new RecordAck(2, 1, "1"), new RecordAck(2, 2, "2"));
        File.Exists(_dir.Combine("topics", "t.pin", "partition-2.log")).Should().BeTrue();
        store.GetTopicPartition("t.pin", 2).Read(0, 10).Select(e => Payloads.TextOf(e.Payload))
            .Should().Equal(Enumerable.Range(0, 3).Select(Payloads.Text));
        topics.PartitionCount("t.pin").Should().Be(3);
    }

    [Fact]
    public async Task AppendAsync_WithPartitionOutOfRange_RejectsTheWholeRequestWithTheRestProxyMessage()
    {
        await using var store = EmbeddedTestHost.LogStore(_dir.Path);
        IngestRecord[] records = [new(Payloads.Json(0), Partition: 0), new(Payloads.Json(1), Partition: 3)];

        var append = () => store.AppendToTopicAsync("t.pin", records, CancellationToken.None);

        (await append.Should().ThrowAsync<ArgumentOutOfRangeException>())
            .Which.Message.Should().Be("partition 3 does not exist in topic t.pin (1 partitions)");
        store.GetTopicPartition("t.pin", 0).NextOffset.Should().Be(0);
    }

    [Fact]
    public async Task AppendAsync_WithAKey_PicksTheSamePartitionEveryTimeAndAfterRestart()
    {
        var keys = Enumerable.Range(0, 40).Select(n => $"user-{n}").ToArray();
        IngestRecord[] Keyed() => [.. keys.Select(k => new IngestRecord(Payloads.Json(0), Key: k))];

        int[] first, second, afterRestart;
        await using (var store = EmbeddedTestHost.LogStore(_dir.Path, partitions: 4))
        {
            first = [.. (await store.AppendToTopicAsync("t.pin", Keyed(), CancellationToken.None)).Select(a => a.Partition)];
            second = [.. (await store.AppendToTopicAsync("t.pin", Keyed(), CancellationToken.None)).Select(a => a.Partition)];
        }

        await using (var store = EmbeddedTestHost.LogStore(_dir.Path, partitions: 4))
        {
            afterRestart = [.. (await store.AppendToTopicAsync("t.pin", Keyed(), CancellationToken.None)).Select(a => a.Partition)];
        }

        second.Should().Equal(first);
        afterRestart.Should().Equal(first);
        first.Distinct().Should().HaveCountGreaterThan(1, "keys spread over partitions");
    }

    [Fact]
    public async Task AppendAsync_WithoutKeyOrPartition_SpreadsRecordsRoundRobin()
    {
        await using var store = EmbeddedTestHost.LogStore(_dir.Path, partitions: 4);

        var acks = await store.AppendToTopicAsync("t.pin", EmbeddedTestHost.Records(0, 8), CancellationToken.None);

        acks.GroupBy(a => a.Partition).Should().HaveCount(4).And.OnlyContain(g => g.Count() == 2);
        acks.GroupBy(a => a.Partition).Should().OnlyContain(g => g.Select(a => a.Offset).SequenceEqual(new long[] { 0, 1 }));
    }

    [Fact]
    public async Task StreamAppendAsync_WritesTheSingleShardFileAndAcksShardZero()
    {
        await using var store = EmbeddedTestHost.LogStore(_dir.Path, partitions: 4);
        IStreamWriter streams = store;

        await streams.AppendAsync("streaming-t-pin", EmbeddedTestHost.Records(0, 2), CancellationToken.None);
        var acks = await streams.AppendAsync("streaming-t-pin", EmbeddedTestHost.Records(2, 1), CancellationToken.None);

        acks.Should().Equal(new RecordAck(0, 2, "2"));
        File.Exists(_dir.Combine("streams", "streaming-t-pin", "shardId-000000000000.log")).Should().BeTrue();
        store.GetStreamShard("streaming-t-pin").NextOffset.Should().Be(3);
    }

    [Fact]
    public async Task AppendAsync_WhenAnotherStoreHoldsTheDataDir_FailsAsTransportUnavailableNamingTheDataDir()
    {
        await using var owner = EmbeddedTestHost.LogStore(_dir.Path);
        await owner.AppendToTopicAsync("t.pin", EmbeddedTestHost.Records(0, 1), CancellationToken.None);
        await using var intruder = EmbeddedTestHost.LogStore(_dir.Path);

        var append = () => intruder.AppendToTopicAsync("t.pin", EmbeddedTestHost.Records(1, 1), CancellationToken.None);
        var read = () => intruder.GetTopicPartition("t.pin", 0);

        (await append.Should().ThrowAsync<TransportUnavailableException>()).WithMessage($"*'{_dir.Path}'*");
        read.Should().Throw<LogLockedException>().WithMessage($"*data directory '{_dir.Path}'*");
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("a/b")]
    [InlineData("..")]
    [InlineData("")]
    public async Task AppendAsync_WithANameThatIsNotAPlainFolderName_Throws(string topic)
    {
        await using var store = EmbeddedTestHost.LogStore(_dir.Path);

        var append = () => store.AppendToTopicAsync(topic, EmbeddedTestHost.Records(0, 1), CancellationToken.None);

        await append.Should().ThrowAsync<ArgumentException>();
        Directory.Exists(_dir.Combine("escape")).Should().BeFalse();
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(64, true)]
    [InlineData(65, false)]
    public void EmbeddedOptions_Partitions_AreValidatedBetween1And64(int partitions, bool valid)
    {
        var options = new EmbeddedOptions { Partitions = partitions };
        var errors = new List<ValidationResult>();

        Validator.TryValidateObject(options, new ValidationContext(options), errors, validateAllProperties: true).Should().Be(valid);
        if (!valid)
        {
            errors.Single().ErrorMessage.Should().Contain("Embedded:Partitions");
        }
    }
}
