using System.Text;
using Pinterest.Modular.Application.Routing;
using Pinterest.Modular.Infrastructure.Kinesis;

namespace Pinterest.Modular.Tests.Integration.Kinesis;

/// <summary>The stream worker on kinesalite and a SQLite warehouse: rows, rejects and progress as the API shows them.</summary>
public sealed class KinesisStreamWorkerTests : IDisposable
{
    private readonly KinesisTestStream _stream = new("worker", shards: 1);

    [Fact]
    public async Task Worker_StoresRows_RejectsUndecodableDataWithStreamAndSequence_AndReportsProgress()
    {
        await using var host = await KinesisWorkerHost.StartAsync(_stream.Settings("host"));
        var kinesis = host.Kinesis;
        await kinesis.PutRecordAsync(_stream.Name, Entry("""{"index":1,"title":"One"}"""), CancellationToken.None);
        var poison = await kinesis.PutRecordAsync(_stream.Name, new KinesisPutEntry(new byte[] { 0xFF, 0xFE, 0x00 }, "k"), CancellationToken.None);
        var noIndex = await kinesis.PutRecordAsync(_stream.Name, Entry("""{"title":"no index"}"""), CancellationToken.None);
        await kinesis.PutRecordAsync(_stream.Name, Entry("""{"index":2,"title":"Two"}"""), CancellationToken.None);

        await Poll.UntilAsync(host.StoredAsync, stored => stored >= 4, "four records stored", Poll.ChildHostDeadline);

        (await host.Warehouse.CountAsync(CancellationToken.None)).Pins.Should().Be(2);
        var rejected = await host.Warehouse.GetRejectedAsync(0, 10, null, CancellationToken.None);
        rejected.Items.Select(r => r.Source).Should().BeEquivalentTo(
            $"{_stream.Name}/{poison.ShardId}/{poison.SequenceNumber}",
            $"{_stream.Name}/{noIndex.ShardId}/{noIndex.SequenceNumber}");
        var progress = await Poll.UntilAsync(
            async () => (await host.Get<IRouteMonitor>().GetProgressAsync(CancellationToken.None)).Single(p => p.Destination.Name == _stream.Name),
            p => p.Lag == TimeSpan.Zero,
            "the reader to report it is caught up", Poll.ChildHostDeadline);
        (progress.Accepted, progress.Processed).Should().Be((4L, 4L));
    }

    public void Dispose() => _stream.Dispose();

    private static KinesisPutEntry Entry(string json) => new(Encoding.UTF8.GetBytes(json), "k");
}
