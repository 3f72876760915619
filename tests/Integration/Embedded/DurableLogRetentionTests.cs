using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Pinterest.Modular.Application.Ingest;
using Pinterest.Modular.Application.Routing;
using Pinterest.Modular.Infrastructure.Embedded;

namespace Pinterest.Modular.Tests.Integration.Embedded;

/// <summary>Segments, retention and back-pressure of the embedded logs (issue 17), on real files.</summary>
public sealed class DurableLogRetentionTests : IDisposable
{
    private const long SegmentBytes = 1024;
    private readonly TempDir _dir = new();

    private string LogPath => _dir.Combine("topics", "t", "partition-0.log");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Appends_PastTheSegmentSize_GoOnInNewSegments_AndReadBackWholeAfterReopen()
    {
        await using (var log = DurableLog.Open(LogPath, segmentBytes: SegmentBytes))
        {
            for (var i = 0; i < 50; i++)
            {
                await log.AppendAsync(Payloads.Range(i * 4, 4), CancellationToken.None);
            }
        }

        await using var reopened = DurableLog.Open(LogPath, segmentBytes: SegmentBytes);
        var all = ReadAll(reopened, 0);
        var appended = await reopened.AppendAsync(Payloads.Range(200, 1), CancellationToken.None);

        Segments().Should().HaveCountGreaterThan(5, "200 records of ~40 bytes fill several 1 KiB segments");
        all.Select(e => e.Offset).Should().Equal(Enumerable.Range(0, 200).Select(i => (long)i));
        all.Select(e => Payloads.TextOf(e.Payload)).Should().Equal(Enumerable.Range(0, 200).Select(Payloads.Text));
        appended.Should().Equal(200);
    }

    [Fact]
    public async Task DeleteProcessedSegments_DeletesOnlyWhatIsBeforeTheProcessedMark_AndOffsetsSurviveReopen()
    {
        await using (var log = DurableLog.Open(LogPath, segmentBytes: SegmentBytes))
        {
            for (var i = 0; i < 20; i++)
            {
                await log.AppendAsync(Payloads.Range(i * 10, 10), CancellationToken.None);
            }

            await log.AppendAsync(Payloads.Range(200, 1), CancellationToken.None);
            log.MarkProcessed(150);

            var deleted = log.DeleteProcessedSegments(DateTimeOffset.MaxValue, maxBytes: long.MaxValue);

            deleted.Should().BeGreaterThan(0);
            log.FirstOffset.Should().BeLessThanOrEqualTo(150, "the record at the processed mark is kept");
            ReadAll(log, 150).Select(e => e.Offset).Should().Equal(Enumerable.Range(150, 51).Select(i => (long)i));
        }

        File.Exists(LogPath).Should().BeFalse("the first segment, all processed, is gone");
        await using var reopened = DurableLog.Open(LogPath, segmentBytes: SegmentBytes);
        var appended = await reopened.AppendAsync(Payloads.Range(201, 1), CancellationToken.None);

        appended.Should().Equal(new long[] { 201 }, "offsets go on where they were, though the first file is gone");
        ReadAll(reopened, reopened.FirstOffset).Select(e => e.Offset).TakeLast(3).Should().Equal(199L, 200L, 201L);
        var before = () => reopened.Read(0, 1);
        before.Should().Throw<InvalidOperationException>().WithMessage("*no longer held*");
    }

    [Fact]
    public async Task DeleteProcessedSegments_KeepsUnprocessedRecords_AndYoungSegmentsUnderTheSizeLimit()
    {
        await using var log = DurableLog.Open(LogPath, segmentBytes: SegmentBytes);
        for (var i = 0; i < 20; i++)
        {
            await log.AppendAsync(Payloads.Range(i * 10, 10), CancellationToken.None);
        }

        var unmarked = log.DeleteProcessedSegments(DateTimeOffset.MaxValue, maxBytes: 0);
        log.MarkProcessed(100);
        var young = log.DeleteProcessedSegments(DateTimeOffset.UtcNow.AddHours(-1), maxBytes: long.MaxValue);
        var overSize = log.DeleteProcessedSegments(DateTimeOffset.UtcNow.AddHours(-1), maxBytes: 0);

        unmarked.Should().Be(0, "nothing is processed yet");
        young.Should().Be(0, "the segments are younger than the retention and the log is under its size");
        overSize.Should().BeGreaterThan(0, "past the size, processed segments go whatever their age");
        log.FirstOffset.Should().BeLessThanOrEqualTo(100);
        ReadAll(log, 100).Should().HaveCount(100, "every record from the processed mark on is still there");
    }

    [Fact]
    public async Task Append_WhenUnconsumedRecordsExceedRetentionBytes_IsRefusedAsUnavailable_UntilTheReaderCatchesUp()
    {
        await using var store = new EmbeddedLogStore(
            EmbeddedTestHost.Pipeline(_dir.Path),
            Options.Create(new EmbeddedOptions { RetentionBytes = 4096, SegmentBytes = SegmentBytes }),
            TimeProvider.System,
            NullLogger<EmbeddedLogStore>.Instance);
        var log = store.GetStreamShard("s");
        log.MarkProcessed(0);
        var batch = Enumerable.Range(0, 20).Select(n => new IngestRecord(Payloads.Json(n), "k")).ToArray();

        while (log.UnprocessedBytes <= 4096)
        {
            await store.AppendToStreamAsync("s", batch, CancellationToken.None);
        }

        var accepted = log.NextOffset;
        var refused = () => store.AppendToStreamAsync("s", batch, CancellationToken.None);
        (await refused.Should().ThrowAsync<TransportUnavailableException>()).WithMessage("*Embedded:RetentionBytes (4096)*");
        log.NextOffset.Should().Be(accepted, "the refused records were not appended");

        log.MarkProcessed(log.NextOffset);
        var afterCatchUp = await store.AppendToStreamAsync("s", batch, CancellationToken.None);
        afterCatchUp.Should().HaveCount(20);
        store.List().Should().ContainSingle().Which.UnprocessedBytes.Should().BeGreaterThan(0);
    }

    private static List<LogEntry> ReadAll(DurableLog log, long from)
    {
        var all = new List<LogEntry>();
        while (from < log.NextOffset)
        {
            var entries = log.Read(from, 1000);
            all.AddRange(entries);
            from = entries[^1].Offset + 1;
        }

        return all;
    }

    private string[] Segments() => Directory.GetFiles(Path.GetDirectoryName(LogPath)!, "partition-0.log*").Where(f => !f.EndsWith(".lock", StringComparison.Ordinal)).ToArray();
}
