using System.Text;
using Pinterest.Modular.Infrastructure.ObjectStore;

namespace Pinterest.Modular.Tests.Integration.Embedded;

public sealed class S3SinkWriterTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly TempDir _dir = new();
    private readonly FileObjectStore _store;
    private readonly List<long> _commits = [];

    public S3SinkWriterTests() => _store = EmbeddedTestHost.ObjectStore(_dir.Path);

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task WriteAsync_WithFlushSize_WritesObjectsOfExactlyThatManyRecordsNamedByTheirFirstOffset()
    {
        var writer = Writer(flushSize: 1000, rotateIntervalMs: -1);

        await writer.WriteAsync(Records(0, 2500), CancellationToken.None);

        var landed = await EmbeddedTestHost.LandedAsync(_store);
        landed.Select(o => o.Key).Should().Equal(
            "topics/t.pin/partition=0/t.pin+0+0000000000.json",
            "topics/t.pin/partition=0/t.pin+0+0000001000.json");
        landed.Should().OnlyContain(o => o.Lines.Length == 1000);
        _commits.Should().Equal(1000, 2000);
        writer.BufferedRecords.Should().Be(500);

        (await writer.FlushAsync(CancellationToken.None)).Should().BeTrue();

        landed = await EmbeddedTestHost.LandedAsync(_store);
        landed.Select(o => o.Key).Should().HaveCount(3).And.EndWith("topics/t.pin/partition=0/t.pin+0+0000002000.json");
        landed[2].Lines.Should().HaveCount(500);
        landed.SelectMany(o => o.Lines).Should().Equal(Enumerable.Range(0, 2500).Select(Payloads.Text));
        _commits.Should().Equal(1000, 2000, 2500);
        (await writer.FlushAsync(CancellationToken.None)).Should().BeFalse("nothing is open");
    }

    [Fact]
    public async Task WriteAsync_ObjectContent_IsEachPayloadFollowedByANewline()
    {
        var writer = Writer(flushSize: 3, rotateIntervalMs: -1);

        await writer.WriteAsync(Records(0, 3), CancellationToken.None);

        var content = await _store.ReadAsync(EmbeddedTestHost.KeyOf("t.pin", 0, 0), CancellationToken.None);
        Encoding.UTF8.GetString(content).Should().Be($"{Payloads.Text(0)}\n{Payloads.Text(1)}\n{Payloads.Text(2)}\n");
    }

    [Fact]
    public async Task WriteAsync_WhenARecordIsIntervalNewerThanTheFirst_CommitsTheOpenObjectBeforeIt()
    {
        var writer = Writer(flushSize: 1000, rotateIntervalMs: 10_000);
        double[] seconds = [0, 3, 9.999, 10, 12, 20];

        await writer.WriteAsync(
            [.. seconds.Select((s, i) => new SinkRecord(i, T0.AddSeconds(s), Payloads.Json(i)))],
            CancellationToken.None);

        var landed = await EmbeddedTestHost.LandedAsync(_store);
        landed.Select(o => o.Key).Should().Equal(EmbeddedTestHost.KeyOf("t.pin", 0, 0), EmbeddedTestHost.KeyOf("t.pin", 0, 3));
        landed[0].Lines.Should().Equal(Payloads.Text(0), Payloads.Text(1), Payloads.Text(2));
        landed[1].Lines.Should().Equal(Payloads.Text(3), Payloads.Text(4));
        _commits.Should().Equal(3, 5);
        writer.BufferedRecords.Should().Be(1);
        writer.RotationDueAt.Should().Be(T0.AddSeconds(30));
    }

    [Fact]
    public async Task CommitIfDueAsync_CommitsAnIdleObjectOnlyOnceTheIntervalHasPassed()
    {
        var writer = Writer(flushSize: 1000, rotateIntervalMs: 10_000);
        await writer.WriteAsync(Records(0, 2), CancellationToken.None);

        (await writer.CommitIfDueAsync(T0.AddSeconds(9.999), CancellationToken.None)).Should().BeFalse();
        (await EmbeddedTestHost.LandedAsync(_store)).Should().BeEmpty();

        (await writer.CommitIfDueAsync(T0.AddSeconds(10), CancellationToken.None)).Should().BeTrue();
        (await EmbeddedTestHost.LandedAsync(_store)).Select(o => o.Key).Should().Equal(EmbeddedTestHost.KeyOf("t.pin", 0, 0));
        _commits.Should().Equal(2);
        writer.RotationDueAt.Should().BeNull();
    }

    [Fact]
    public async Task WriteAsync_WithTimeRotationOff_KeepsRecordsFarApartInOneObject()
    {
        var writer = Writer(flushSize: 2, rotateIntervalMs: -1);

        await writer.WriteAsync(
            [new SinkRecord(0, T0, Payloads.Json(0)), new SinkRecord(1, T0.AddDays(30), Payloads.Json(1))],
            CancellationToken.None);

        (await EmbeddedTestHost.LandedAsync(_store)).Should().ContainSingle().Which.Lines.Should().HaveCount(2);
    }

    [Fact]
    public async Task WriteAsync_WithOffsetsOutOfOrder_Throws()
    {
        var writer = Writer(flushSize: 10, rotateIntervalMs: -1);
        await writer.WriteAsync(Records(5, 1), CancellationToken.None);

        var write = () => writer.WriteAsync(Records(5, 1), CancellationToken.None);

        await write.Should().ThrowAsync<InvalidOperationException>().WithMessage("*offset order*");
    }

    [Fact]
    public async Task WriteAsync_WhenThePutFails_DoesNotCommitTheOffset()
    {
        var writer = new S3SinkWriter(new RecordingObjectStore(_store, crashAfterPuts: 1), "t.pin", 0, Options(2, -1), CommitAsync);

        var write = () => writer.WriteAsync(Records(0, 2), CancellationToken.None);

        await write.Should().ThrowAsync<SimulatedCrashException>();
        _commits.Should().BeEmpty();
    }

    [Fact]
    public async Task WriteAsync_AfterGapsInOffsets_NamesObjectsByTheirFirstRecordsOffset()
    {
        var writer = Writer(flushSize: 2, rotateIntervalMs: -1);

        await writer.WriteAsync(
            [new SinkRecord(3, T0, Payloads.Json(3)), new SinkRecord(7, T0, Payloads.Json(7)), new SinkRecord(8, T0, Payloads.Json(8))],
            CancellationToken.None);

        (await EmbeddedTestHost.LandedAsync(_store)).Select(o => o.Key).Should().Equal(EmbeddedTestHost.KeyOf("t.pin", 0, 3));
        _commits.Should().Equal(8);
    }

    [Theory]
    [InlineData(0, 10_000, false)]
    [InlineData(1, 10_000, true)]
    [InlineData(1_000_001, 10_000, false)]
    [InlineData(1000, -1, true)]
    [InlineData(1000, -2, false)]
    public void SinkOptions_AreValidated(int flushSize, long rotateIntervalMs, bool valid)
    {
        var options = Options(flushSize, rotateIntervalMs);
        var errors = new List<System.ComponentModel.DataAnnotations.ValidationResult>();

        System.ComponentModel.DataAnnotations.Validator
            .TryValidateObject(options, new(options), errors, validateAllProperties: true)
            .Should().Be(valid);
        errors.Should().HaveCount(valid ? 0 : 1);
        errors.Where(e => !e.ErrorMessage!.StartsWith("Sink:", StringComparison.Ordinal)).Should().BeEmpty();
    }

    private static SinkOptions Options(int flushSize, long rotateIntervalMs) =>
        new() { FlushSize = flushSize, RotateIntervalMs = rotateIntervalMs };

    private static SinkRecord[] Records(int start, int count) =>
        [.. Enumerable.Range(start, count).Select(n => new SinkRecord(n, T0, Payloads.Json(n)))];

    private S3SinkWriter Writer(int flushSize, long rotateIntervalMs) =>
        new(_store, "t.pin", 0, Options(flushSize, rotateIntervalMs), CommitAsync);

    private Task CommitAsync(long offset, CancellationToken cancellationToken)
    {
        _commits.Add(offset);
        return Task.CompletedTask;
    }
}
