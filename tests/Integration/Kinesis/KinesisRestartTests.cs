namespace Pinterest.Modular.Tests.Integration.Kinesis;

/// <summary>A host stopped while it is reading a stream (kinesalite) and started again on the same SQLite warehouse.</summary>
public sealed class KinesisRestartTests : IDisposable
{
    private readonly KinesisTestStream _stream = new("restart", shards: 2);

    private string Stream => _stream.Name;

    private Dictionary<string, string?> Settings(string host) => _stream.Settings(host);

    [Fact]
    public async Task Restart_MidStream_StoresEveryRecordExactlyOnce()
    {
        const int Total = 600;
        long storedBeforeStop;
        await using (var first = await KinesisWorkerHost.StartAsync(Settings("first")))
        {
            await KinesisPins.PutAsync(first.Kinesis, Stream, 0, Total / 2);
            await Poll.UntilAsync(first.StoredAsync, stored => stored >= 50, "the first host to store some records", Poll.ChildHostDeadline);
            await KinesisPins.PutAsync(first.Kinesis, Stream, Total / 2, Total / 4);
            storedBeforeStop = await first.StoredAsync();
        }

        storedBeforeStop.Should().BeLessThan(Total, "the host was stopped mid-stream");
        await using var second = await KinesisWorkerHost.StartAsync(Settings("second"));
        await KinesisPins.PutAsync(second.Kinesis, Stream, Total * 3 / 4, Total / 4);
        await Poll.UntilAsync(second.StoredAsync, stored => stored >= Total, "every record stored", Poll.ChildHostDeadline);

        // Each record is counted once per time it was stored: more would mean one processed twice.
        await Task.Delay(TimeSpan.FromSeconds(1));
        (await second.StoredAsync()).Should().Be(Total, "no record is processed twice");
        (await second.Warehouse.CountAsync(CancellationToken.None)).Pins.Should().Be(Total, "no record is skipped");
    }

    public void Dispose() => _stream.Dispose();
}
