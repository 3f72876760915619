using System.Diagnostics;
using System.Text;
using Pinterest.Modular.Infrastructure.Embedded;

namespace Pinterest.Modular.Tests.Integration.Embedded;

public sealed class DurableLogTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);
    private readonly TempDir _dir = new();

    private string LogPath => _dir.Combine("topics", "t", "partition-0.log");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task AppendAsync_ThenRead_ReturnsEveryPayloadWithConsecutiveOffsets()
    {
        await using var log = DurableLog.Open(LogPath);

        var first = await log.AppendAsync(Payloads.Range(0, 3), CancellationToken.None);
        var second = await log.AppendAsync(Payloads.Range(3, 2), CancellationToken.None);

        first.Should().Equal(0, 1, 2);
        second.Should().Equal(3, 4);
        log.NextOffset.Should().Be(5);
        var entries = log.Read(0, 100);
        entries.Select(e => e.Offset).Should().Equal(0, 1, 2, 3, 4);
        entries.Select(e => Payloads.TextOf(e.Payload)).Should().Equal(Enumerable.Range(0, 5).Select(Payloads.Text));
    }

    [Fact]
    public async Task AppendAsync_StampsRecordsWithTheClockTime()
    {
        var clock = new ManualClock(new DateTimeOffset(2024, 5, 1, 12, 0, 0, 123, TimeSpan.Zero));
        await using var log = DurableLog.Open(LogPath, clock);

        await log.AppendAsync(Payloads.Range(0, 1), CancellationToken.None);
        clock.Now += TimeSpan.FromSeconds(7);
        await log.AppendAsync(Payloads.Range(1, 1), CancellationToken.None);

        log.Read(0, 10).Select(e => e.AppendedAt).Should().Equal(
            new DateTimeOffset(2024, 5, 1, 12, 0, 0, 123, TimeSpan.Zero),
            new DateTimeOffset(2024, 5, 1, 12, 0, 7, 123, TimeSpan.Zero));
    }

    [Fact]
    public async Task Open_AfterReopen_ContinuesOffsetsAndKeepsEarlierRecords()
    {
        await using (var log = DurableLog.Open(LogPath))
        {
            for (var i = 0; i < 300; i += 100)
            {
                await log.AppendAsync(Payloads.Range(i, 100), CancellationToken.None);
            }
        }

        await using var reopened = DurableLog.Open(LogPath);
        reopened.NextOffset.Should().Be(300);
        reopened.TruncatedBytes.Should().Be(0);
        (await reopened.AppendAsync(Payloads.Range(300, 2), CancellationToken.None)).Should().Equal(300, 301);
        reopened.Read(0, 1000).Select(e => Payloads.TextOf(e.Payload))
            .Should().Equal(Enumerable.Range(0, 302).Select(Payloads.Text));
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(255, 2)]
    [InlineData(256, 1)]
    [InlineData(700, 50)]
    [InlineData(990, 100)]
    [InlineData(999, 1)]
    public async Task Read_FromAnyOffset_ReturnsThatSliceAcrossIndexEntries(int from, int max)
    {
        await using var log = DurableLog.Open(LogPath);
        await log.AppendAsync(Payloads.Range(0, 600), CancellationToken.None);
        await log.AppendAsync(Payloads.Range(600, 400), CancellationToken.None);

        var entries = log.Read(from, max);

        var expected = Enumerable.Range(from, Math.Min(max, 1000 - from)).ToList();
        entries.Select(e => e.Offset).Should().Equal(expected.Select(n => (long)n));
        entries.Select(e => Payloads.TextOf(e.Payload)).Should().Equal(expected.Select(Payloads.Text));
    }

    [Fact]
    public async Task Read_AtOrPastTheEnd_ReturnsNothing()
    {
        await using var log = DurableLog.Open(LogPath);
        log.Read(0, 10).Should().BeEmpty();
        await log.AppendAsync(Payloads.Range(0, 2), CancellationToken.None);

        log.Read(2, 10).Should().BeEmpty();
        log.Read(50, 10).Should().BeEmpty();
    }

    public enum TornTail
    {
        GarbageAppended,
        ZerosAppended,
        LastFrameCutInHalf,
        LastFrameCutInsideHeader,
    }

    [Theory]
    [InlineData(TornTail.GarbageAppended, 10)]
    [InlineData(TornTail.ZerosAppended, 10)]
    [InlineData(TornTail.LastFrameCutInHalf, 9)]
    [InlineData(TornTail.LastFrameCutInsideHeader, 9)]
    public async Task Open_WhenTailIsTorn_TruncatesItAndKeepsEarlierRecordsAndAcceptsNewAppends(TornTail damage, int survivors)
    {
        long intactLength;
        await using (var log = DurableLog.Open(LogPath))
        {
            await log.AppendAsync(Payloads.Range(0, 10), CancellationToken.None);
            intactLength = new FileInfo(LogPath).Length;
        }

        var lastFrameLength = 16 + Payloads.Json(9).Length;
        switch (damage)
        {
            case TornTail.GarbageAppended:
                await AppendBytesAsync(Enumerable.Repeat((byte)0xAB, 37).ToArray());
                break;
            case TornTail.ZerosAppended:
                await AppendBytesAsync(new byte[4096]);
                break;
            case TornTail.LastFrameCutInHalf:
                Truncate(intactLength - (lastFrameLength / 2));
                break;
            case TornTail.LastFrameCutInsideHeader:
                Truncate(intactLength - lastFrameLength + 10);
                break;
        }

        await using (var reopened = DurableLog.Open(LogPath))
        {
            reopened.TruncatedBytes.Should().BePositive();
            reopened.NextOffset.Should().Be(survivors);
            reopened.Read(0, 100).Select(e => Payloads.TextOf(e.Payload))
                .Should().Equal(Enumerable.Range(0, survivors).Select(Payloads.Text));
            (await reopened.AppendAsync(Payloads.Range(100, 2), CancellationToken.None))
                .Should().Equal(survivors, survivors + 1);
        }

        await using var again = DurableLog.Open(LogPath);
        again.TruncatedBytes.Should().Be(0);
        again.Read(0, 100).Select(e => Payloads.TextOf(e.Payload))
            .Should().Equal(Enumerable.Range(0, survivors).Select(Payloads.Text).Concat([Payloads.Text(100), Payloads.Text(101)]));
    }

    [Fact]
    public async Task Open_WhenLastRecordFailsItsCrc_DropsOnlyThatRecord()
    {
        await using (var log = DurableLog.Open(LogPath))
        {
            await log.AppendAsync(Payloads.Range(0, 3), CancellationToken.None);
        }

        var bytes = await File.ReadAllBytesAsync(LogPath);
        bytes[^3] ^= 0x20; // one bit of the last payload
        await File.WriteAllBytesAsync(LogPath, bytes);

        await using var reopened = DurableLog.Open(LogPath);
        reopened.NextOffset.Should().Be(2);
        reopened.TruncatedBytes.Should().Be(16 + Payloads.Json(2).Length);
        reopened.Read(0, 10).Select(e => Payloads.TextOf(e.Payload)).Should().Equal(Payloads.Text(0), Payloads.Text(1));
    }

    [Fact]
    public async Task AppendAsync_With2000ConcurrentSingleRecordAppends_AcksUniqueConsecutiveOffsetsInFewerCommits()
    {
        await using var log = DurableLog.Open(LogPath);

        var appends = Enumerable.Range(0, 2000)
            .Select(n => Task.Run(async () => (Number: n, Offsets: await log.AppendAsync(Payloads.Range(n, 1), CancellationToken.None))))
            .ToArray();
        var acks = await Task.WhenAll(appends);

        acks.Select(a => a.Offsets.Single()).Order().Should().Equal(Enumerable.Range(0, 2000).Select(n => (long)n));
        var stored = log.Read(0, 5000).ToDictionary(e => e.Offset, e => Payloads.TextOf(e.Payload));
        acks.Should().OnlyContain(a => stored[a.Offsets.Single()] == Payloads.Text(a.Number));
        log.CommitCount.Should().BeLessThan(2000, "concurrent appends share one write and fsync per group");
    }

    [Fact]
    public async Task AppendAsync_From100ClientsAppendingOneByOne_GroupsWaitingClientsIntoSharedCommits()
    {
        await using var log = DurableLog.Open(LogPath);

        var clients = Enumerable.Range(0, 100).Select(c => Task.Run(async () =>
        {
            var offsets = new List<long>();
            for (var i = 0; i < 20; i++)
            {
                offsets.AddRange(await log.AppendAsync(Payloads.Range((c * 20) + i, 1), CancellationToken.None));
            }

            return offsets;
        }));
        var perClient = await Task.WhenAll(clients);

        perClient.SelectMany(o => o).Order().Should().Equal(Enumerable.Range(0, 2000).Select(n => (long)n));
        perClient.Should().OnlyContain(o => o.SequenceEqual(o.Order()), "a client's later append gets a later offset");
        log.CommitCount.Should().BeLessThan(2000);
    }

    [Fact]
    public async Task AppendAsync_ConcurrentMultiRecordCalls_KeepEachCallContiguousAndInOrder()
    {
        await using var log = DurableLog.Open(LogPath);

        var calls = Enumerable.Range(0, 200)
            .Select(c => Task.Run(async () => (Call: c, Offsets: await log.AppendAsync(Payloads.Range(c * 5, 5), CancellationToken.None))))
            .ToArray();
        var acks = await Task.WhenAll(calls);

        var stored = log.Read(0, 5000).ToDictionary(e => e.Offset, e => Payloads.TextOf(e.Payload));
        stored.Should().HaveCount(1000);
        foreach (var (call, offsets) in acks)
        {
            offsets.Should().Equal(Enumerable.Range(0, 5).Select(i => offsets[0] + i));
            offsets.Select(o => stored[o]).Should().Equal(Enumerable.Range(call * 5, 5).Select(Payloads.Text));
        }
    }

    [Fact]
    public async Task AppendAsync_WhenAlreadyCancelled_WritesNothing()
    {
        await using var log = DurableLog.Open(LogPath);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var append = () => log.AppendAsync(Payloads.Range(0, 1), cancelled.Token);

        await append.Should().ThrowAsync<OperationCanceledException>();
        log.NextOffset.Should().Be(0);
    }

    [Fact]
    public async Task AppendAsync_AfterDispose_ThrowsObjectDisposed()
    {
        var log = DurableLog.Open(LogPath);
        await log.DisposeAsync();

        var append = () => log.AppendAsync(Payloads.Range(0, 1), CancellationToken.None);

        await append.Should().ThrowAsync<ObjectDisposedException>();
    }

    [Fact]
    public async Task Open_WhenTheFileIsAlreadyOpen_ThrowsLogLockedExceptionNamingTheDirectory()
    {
        await using var log = DurableLog.Open(LogPath);

        var second = () => DurableLog.Open(LogPath);

        second.Should().Throw<LogLockedException>()
            .WithMessage($"*{Path.GetDirectoryName(LogPath)}*")
            .WithMessage("*already open for writing*");
    }

    [Fact]
    public async Task Open_AfterTheFirstWriterIsDisposed_Succeeds()
    {
        await using (var log = DurableLog.Open(LogPath))
        {
            await log.AppendAsync(Payloads.Range(0, 1), CancellationToken.None);
        }

        await using var reopened = DurableLog.Open(LogPath);
        reopened.NextOffset.Should().Be(1);
    }

    [Fact]
    public async Task Open_WhileAnotherProcessHoldsTheLockFile_Fails_AndTheLockIsVisibleToOtherProcesses()
    {
        await using (DurableLog.Open(LogPath))
        {
            (await RunAsync("flock", "-n", LogPath + ".lock", "true")).Should().Be(1, "our lock blocks another process");
        }

        (await RunAsync("flock", "-n", LogPath + ".lock", "true")).Should().Be(0, "dispose releases the lock");

        // Another process holds the lock until its stdin closes.
        using var holder = Process.Start(new ProcessStartInfo("flock", [LogPath + ".lock", "cat"])
        {
            RedirectStandardInput = true,
            UseShellExecute = false,
        })!;
        try
        {
            await Poll.UntilAsync(async () => await RunAsync("flock", "-n", LogPath + ".lock", "true") == 1, "the lock to be free", Deadline);

            var open = () => DurableLog.Open(LogPath);

            open.Should().Throw<LogLockedException>();
        }
        finally
        {
            holder.StandardInput.Close();
            await holder.WaitForExitAsync().WaitAsync(Deadline);
        }

        await using var log = DurableLog.Open(LogPath);
        log.NextOffset.Should().Be(0);
    }

    [Fact]
    public async Task WaitForDataAsync_CompletesOnlyOnceARecordPastTheOffsetIsDurable()
    {
        await using var log = DurableLog.Open(LogPath);
        await log.AppendAsync(Payloads.Range(0, 1), CancellationToken.None);

        log.WaitForDataAsync(0, CancellationToken.None).IsCompletedSuccessfully.Should().BeTrue();
        var waiting = log.WaitForDataAsync(1, CancellationToken.None);
        waiting.IsCompleted.Should().BeFalse();

        await log.AppendAsync(Payloads.Range(1, 1), CancellationToken.None);

        await waiting.WaitAsync(Deadline);
        log.NextOffset.Should().Be(2);
    }

    [Fact]
    public async Task WaitForDataAsync_WhenCancelled_Throws()
    {
        await using var log = DurableLog.Open(LogPath);
        using var cancel = new CancellationTokenSource();
        var waiting = log.WaitForDataAsync(0, cancel.Token);

        await cancel.CancelAsync();

        await waiting.Invoking(w => w).Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public void Crc32_OfTheStandardCheckString_IsTheStandardCheckValue()
    {
        Crc32.Compute("123456789"u8).Should().Be(0xCBF43926u);
        Crc32.Compute([]).Should().Be(0u);
        Crc32.Compute(Encoding.ASCII.GetBytes("The quick brown fox jumps over the lazy dog")).Should().Be(0x414FA339u);
    }

    private static async Task<int> RunAsync(string file, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { UseShellExecute = false })!;
        await process.WaitForExitAsync().WaitAsync(Deadline);
        return process.ExitCode;
    }

    private async Task AppendBytesAsync(byte[] bytes)
    {
        await using var stream = new FileStream(LogPath, FileMode.Append);
        await stream.WriteAsync(bytes);
    }

    private void Truncate(long length)
    {
        using var stream = new FileStream(LogPath, FileMode.Open);
        stream.SetLength(length);
    }
}
