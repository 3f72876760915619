using System.Globalization;
using System.Text;
using System.Text.Json;
using Pinterest.Modular.Infrastructure.Kinesis;

namespace Pinterest.Modular.Tests.Unit.Infrastructure.Kinesis;

public sealed class KinesisClientPutRecordsTests
{
    [Fact]
    public async Task PutRecords_PartialFailure_ResendsOnlyTheFailedEntriesAndKeepsResultsInInputOrder()
    {
        var kinesis = new KinesisTestClient();
        var entries = Entries(5);

        // First round: entries 1 and 3 throttled; second round: the resent entry 3 fails again; third: all in.
        kinesis.Handler
            .Answer(r => (200, Answer(KeysOf(r), failed: ["k1", "k3"])))
            .Answer(r => (200, Answer(KeysOf(r), failed: ["k3"])))
            .Answer(r => (200, Answer(KeysOf(r), failed: [])));

        var results = await kinesis.RunAsync(c => c.PutRecordsAsync("s", entries, CancellationToken.None));

        kinesis.Handler.Requests.Select(r => string.Join(",", KeysOf(r))).Should().Equal("k0,k1,k2,k3,k4", "k1,k3", "k3");
        results.Select(r => r.SequenceNumber).Should().Equal("seq-k0", "seq-k1", "seq-k2", "seq-k3", "seq-k4");
        kinesis.Waits.Should().HaveCount(2, "each resend round waits a backoff first");
    }

    [Fact]
    public async Task PutRecords_EntriesAlwaysThrottled_GiveUpAfterMaxAttemptsNamingTheCount()
    {
        var kinesis = new KinesisTestClient(maxAttempts: 3);
        for (var i = 0; i < 3; i++)
        {
            kinesis.Handler.Answer(r => (200, Answer(KeysOf(r), failed: ["k2"])));
        }

        var call = () => kinesis.RunAsync(c => c.PutRecordsAsync("s", Entries(3), CancellationToken.None));

        var error = (await call.Should().ThrowAsync<KinesisException>()).Which;
        error.ErrorType.Should().Be("ProvisionedThroughputExceededException");
        error.Message.Should().Contain("1 record(s) of 3").And.Contain("stream s").And.Contain("3 round(s)");
    }

    [Fact]
    public async Task PutRecords_EntryFailsWithAnErrorAResendCannotCure_GivesUpAtOnce()
    {
        var kinesis = new KinesisTestClient();
        kinesis.Handler.Answer(200, """
            {"FailedRecordCount":1,"Records":[{"ShardId":"shardId-000000000000","SequenceNumber":"1"},{"ErrorCode":"KMSAccessDeniedException","ErrorMessage":"denied"}]}
            """);

        var call = () => kinesis.RunAsync(c => c.PutRecordsAsync("s", Entries(2), CancellationToken.None));

        (await call.Should().ThrowAsync<KinesisException>()).Which.ErrorType.Should().Be("KMSAccessDeniedException");
        kinesis.Handler.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task PutRecords_501Entries_SplitInto500AndOne()
    {
        var kinesis = new KinesisTestClient();
        kinesis.Handler.Answer(r => (200, Answer(KeysOf(r), failed: []))).Answer(r => (200, Answer(KeysOf(r), failed: [])));

        var results = await kinesis.RunAsync(c => c.PutRecordsAsync("s", Entries(501), CancellationToken.None));

        kinesis.Handler.Requests.Select(r => KeysOf(r).Length).Should().Equal(500, 1);
        results.Should().HaveCount(501);
        results[500].SequenceNumber.Should().Be("seq-k500");
    }

    [Fact]
    public async Task PutRecords_SixMegabyteEntries_SplitAtFiveMebibytes()
    {
        var kinesis = new KinesisTestClient();
        kinesis.Handler.Answer(r => (200, Answer(KeysOf(r), failed: []))).Answer(r => (200, Answer(KeysOf(r), failed: [])));
        var entries = Enumerable.Range(0, 6).Select(i => new KinesisPutEntry(new byte[1_000_000], $"k{i}")).ToArray();

        await kinesis.RunAsync(c => c.PutRecordsAsync("s", entries, CancellationToken.None));

        // 5 x (1,000,000 + 2) bytes fit in 5 MiB (5,242,880); a sixth would not.
        kinesis.Handler.Requests.Select(r => KeysOf(r).Length).Should().Equal(5, 1);
    }

    [Fact]
    public void Split_EntryThatFillsTheRequestAlone_GoesInARequestOfItsOwn()
    {
        var entries = new[]
        {
            new KinesisPutEntry(new byte[10], "a"),
            new KinesisPutEntry(new byte[PutRecordsBatches.MaxRequestBytes - 1], "b"),
            new KinesisPutEntry(new byte[10], "c"),
        };

        PutRecordsBatches.Split(entries).Should().Equal((0, 1), (1, 1), (2, 1));
    }

    [Fact]
    public async Task PutRecords_RecordOverOneMebibyte_IsRefusedBeforeAnythingIsSent()
    {
        var kinesis = new KinesisTestClient();
        var entries = new[] { new KinesisPutEntry(new byte[10], "k0"), new KinesisPutEntry(new byte[PutRecordsBatches.MaxRecordBytes], "k1") };

        var call = () => kinesis.RunAsync(c => c.PutRecordsAsync("s", entries, CancellationToken.None));

        var error = (await call.Should().ThrowAsync<KinesisException>()).Which;
        error.ErrorType.Should().Be("ValidationException");
        error.Message.Should().Contain("Record 1").And.Contain("1048578 bytes").And.Contain("1 MiB");
        kinesis.Handler.Requests.Should().BeEmpty();
    }

    [Theory]
    [InlineData("")]
    [InlineData("a-partition-key-of-257-characters")]
    public async Task PutRecord_PartitionKeyOutsideOneTo256Characters_IsRefusedBeforeSending(string key)
    {
        var kinesis = new KinesisTestClient();
        var partitionKey = key.Length > 0 ? new string('k', 257) : key;

        var call = () => kinesis.RunAsync(c => c.PutRecordAsync("s", new KinesisPutEntry(new byte[1], partitionKey), CancellationToken.None));

        (await call.Should().ThrowAsync<KinesisException>()).Which.Message.Should().Contain("1 to 256 characters");
        kinesis.Handler.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task PutRecords_SendsDataAsBase64AndTheStreamName()
    {
        var kinesis = new KinesisTestClient();
        kinesis.Handler.Answer(r => (200, Answer(KeysOf(r), failed: [])));

        await kinesis.RunAsync(c => c.PutRecordsAsync("s", [new KinesisPutEntry("""{"a":1}"""u8.ToArray(), "k0")], CancellationToken.None));

        kinesis.Handler.Requests[0].Body.Should().Be("""{"StreamName":"s","Records":[{"Data":"eyJhIjoxfQ==","PartitionKey":"k0"}]}""");
    }

    private static KinesisPutEntry[] Entries(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new KinesisPutEntry(Encoding.UTF8.GetBytes(i.ToString(CultureInfo.InvariantCulture)), $"k{i}"))];

    private static string[] KeysOf(SentRequest request)
    {
        using var body = JsonDocument.Parse(request.Body);
        return [.. body.RootElement.GetProperty("Records").EnumerateArray().Select(r => r.GetProperty("PartitionKey").GetString()!)];
    }

    /// <summary>A PutRecords answer: the named keys throttled, the others stored with sequence number <c>seq-&lt;key&gt;</c>.</summary>
    private static string Answer(string[] keys, string[] failed)
    {
        var records = keys.Select(k => failed.Contains(k)
            ? """{"ErrorCode":"ProvisionedThroughputExceededException","ErrorMessage":"Rate exceeded for shard shardId-000000000000"}"""
            : $$"""{"ShardId":"shardId-000000000000","SequenceNumber":"seq-{{k}}"}""");
        return $$"""{"FailedRecordCount":{{keys.Count(failed.Contains)}},"Records":[{{string.Join(",", records)}}]}""";
    }
}
