using System.Text;
using System.Text.Json;
using Pinterest.Modular.Infrastructure.Kinesis;

namespace Pinterest.Modular.Tests.Integration.Kinesis;

/// <summary>
/// The client and the AWS CLI (botocore: an implementation that shares nothing with ours) on the same kinesalite
/// streams: each reads exactly what the other wrote.
/// </summary>
public sealed class KinesisClientAwsCliTests : KinesaliteTestClass
{
    private AwsCli _cli = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _cli = KinesaliteStreams.NewCli();
    }

    public override async Task DisposeAsync()
    {
        _cli.Dispose();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task RecordsTheClientWrote_AreReadBackByTheCli()
    {
        var stream = await Streams.CreateActiveAsync("to-cli");
        string[] rows = ["""{"ind":1,"country":"Armenia"}""", """{"ind":2,"country":"Côte d'Ivoire"}""", """{"ind":3}"""];
        var results = await Streams.Client.PutRecordsAsync(
            stream, [.. rows.Select((r, i) => new KinesisPutEntry(Encoding.UTF8.GetBytes(r), $"key-{i}"))], CancellationToken.None);

        var iterator = JsonProperty(
            await _cli.RunAsync("kinesis", "get-shard-iterator", "--stream-name", stream, "--shard-id", "shardId-000000000000", "--shard-iterator-type", "TRIM_HORIZON"),
            "ShardIterator");
        using var answer = JsonDocument.Parse(await _cli.RunAsync("kinesis", "get-records", "--shard-iterator", iterator));

        var records = answer.RootElement.GetProperty("Records").EnumerateArray().ToList();
        records.Select(r => Encoding.UTF8.GetString(r.GetProperty("Data").GetBytesFromBase64())).Should().Equal(rows);
        records.Select(r => r.GetProperty("PartitionKey").GetString()).Should().Equal("key-0", "key-1", "key-2");
        records.Select(r => r.GetProperty("SequenceNumber").GetString()).Should().Equal(results.Select(r => r.SequenceNumber));
    }

    [Fact]
    public async Task RecordsTheCliWrote_AreReadByTheClient()
    {
        var stream = Streams.Name("from-cli");
        await _cli.RunAsync("kinesis", "create-stream", "--stream-name", stream, "--shard-count", "1");
        await Streams.UntilAsync(stream, "ACTIVE");

        // awscli v1 base64-encodes --data itself: the text given is the bytes stored.
        var first = await _cli.RunAsync("kinesis", "put-record", "--stream-name", stream, "--partition-key", "p1", "--data", """{"ind":7,"age":32}""");
        await _cli.RunAsync("kinesis", "put-records", "--stream-name", stream, "--records", "Data=second,PartitionKey=p2", "Data=third,PartitionKey=p3");

        var records = await Streams.ReadShardAsync(stream, "shardId-000000000000");

        records.Select(r => Encoding.UTF8.GetString(r.Data.Span)).Should().Equal("""{"ind":7,"age":32}""", "second", "third");
        records.Select(r => r.PartitionKey).Should().Equal("p1", "p2", "p3");
        records[0].SequenceNumber.Should().Be(JsonProperty(first, "SequenceNumber"));
    }

    [Fact]
    public async Task StreamTheClientCreated_IsDescribedByTheCli()
    {
        var stream = await Streams.CreateActiveAsync("described", shardCount: 3);

        using var answer = JsonDocument.Parse(await _cli.RunAsync("kinesis", "describe-stream-summary", "--stream-name", stream));

        var summary = answer.RootElement.GetProperty("StreamDescriptionSummary");
        summary.GetProperty("StreamStatus").GetString().Should().Be("ACTIVE");
        summary.GetProperty("OpenShardCount").GetInt32().Should().Be(3);
    }

    private static string JsonProperty(string json, string name)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty(name).GetString()!;
    }
}
