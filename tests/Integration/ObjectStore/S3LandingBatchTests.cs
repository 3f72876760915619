using System.Net;
using System.Text.Json;
using Pinterest.Modular.Tests.Integration.Api;

namespace Pinterest.Modular.Tests.Integration.ObjectStore;

/// <summary>
/// <c>serve</c> with <c>ObjectStore:Provider=S3</c>: records posted to the REST proxy land in the bucket where the S3 sink
/// connector would put them, the batch job reads them from there into the warehouse (bad ones into the rejected
/// store), and a second run reads only objects it has not stored yet. Each test on a bucket of its own.
/// </summary>
public sealed class S3LandingBatchTests : IAsyncLifetime
{
    private static readonly string BadGeo = OperationsRecords.Geo(7, latitude: 123.5);

    private S3TestBucket _bucket = null!;

    public async Task InitializeAsync()
    {
        S3TestBucket.ShareCredentialsThroughEnvironment();
        _bucket = await S3TestBucket.CreateAsync();
    }

    public async Task DisposeAsync() => await _bucket.DisposeAsync();

    [Theory]
    [InlineData("")]
    [InlineData("pipeline/landing")]
    public async Task BatchJob_OnS3_StoresThePostedRecordsOnceAndASecondRunReadsNothing(string prefix)
    {
        await using var server = await StartAsync(prefix);
        await ProduceAsync(server, EmulatorPayloads.PinTopic, EmulatorPayloads.Pin);
        await ProduceAsync(server, EmulatorPayloads.GeoTopic, EmulatorPayloads.Geo, BadGeo);
        await ProduceAsync(server, EmulatorPayloads.UserTopic, EmulatorPayloads.User);

        var first = (await server.Client.RunBatchJobAsync()).Ended;

        Counts(first).Should().Be(("succeeded", 3, 3, 1));
        (await _bucket.KeysAsync()).Should().BeEquivalentTo(
            $"{PrefixOf(prefix)}topics/{EmulatorPayloads.PinTopic}/partition=0/{EmulatorPayloads.PinTopic}+0+0000000000.json",
            $"{PrefixOf(prefix)}topics/{EmulatorPayloads.GeoTopic}/partition=0/{EmulatorPayloads.GeoTopic}+0+0000000000.json",
            $"{PrefixOf(prefix)}topics/{EmulatorPayloads.UserTopic}/partition=0/{EmulatorPayloads.UserTopic}+0+0000000000.json");
        (await server.Client.GetJsonAsync("api/pins/2863")).GetProperty("follower_count").GetInt64().Should().Be(124_000);
        (await server.Client.GetJsonAsync("api/geo/2863")).GetProperty("country").GetString().Should().Be("Armenia");
        (await server.Client.GetJsonAsync("api/users/2863")).GetProperty("user_name").GetString().Should().Be("Dylan Holmes");
        var rejected = (await server.Client.GetJsonAsync("api/rejected")).GetProperty("items").EnumerateArray().Should().ContainSingle().Subject;
        rejected.GetProperty("source").GetString().Should().Be($"{EmulatorPayloads.GeoTopic}/0/1", "the second record of the geo object");

        var second = (await server.Client.RunBatchJobAsync()).Ended;

        Counts(second).Should().Be(("succeeded", 0, 0, 0), "every object is marked with its key and ETag");
        (await server.Client.GetJsonAsync("api/rejected")).GetProperty("total").GetInt64().Should().Be(1);
    }

    [Fact]
    public async Task BatchJob_OnS3_AfterMoreRecordsArrive_ReadsOnlyTheNewObject()
    {
        await using var server = await StartAsync();
        await ProduceAsync(server, EmulatorPayloads.PinTopic, EmulatorPayloads.Pin);
        Counts((await server.Client.RunBatchJobAsync()).Ended).Should().Be(("succeeded", 1, 1, 0));

        await ProduceAsync(server, EmulatorPayloads.PinTopic, OperationsRecords.Pin(11), OperationsRecords.Pin(12));
        var next = (await server.Client.RunBatchJobAsync()).Ended;

        Counts(next).Should().Be(("succeeded", 1, 2, 0));
        (await _bucket.KeysAsync()).Should().Contain(
            $"topics/{EmulatorPayloads.PinTopic}/partition=0/{EmulatorPayloads.PinTopic}+0+0000000001.json",
            "the new object starts at the first new offset");
        (await server.Client.GetJsonAsync("api/pins/12")).GetProperty("ind").GetInt64().Should().Be(12);
    }

    [Fact]
    public async Task LandedObjects_ListedAndReadWithTheAwsCli_HoldEachValueOnALine()
    {
        using var cli = new S3AwsCli();
        await using var server = await StartAsync();
        await ProduceAsync(server, EmulatorPayloads.GeoTopic, EmulatorPayloads.Geo, BadGeo);
        await server.Client.RunBatchJobAsync(); // drains the sink first

        var listed = await cli.RunAsync(
            "s3api", "list-objects-v2", "--bucket", _bucket.Name, "--prefix", "topics/", "--query", "Contents[].Key", "--output", "text");
        var key = $"topics/{EmulatorPayloads.GeoTopic}/partition=0/{EmulatorPayloads.GeoTopic}+0+0000000000.json";
        listed.Trim().Should().Be(key);
        (await cli.RunAsync("s3", "cp", $"s3://{_bucket.Name}/{key}", "-")).Should().Be(EmulatorPayloads.Geo + "\n" + BadGeo + "\n");
    }

    [Fact]
    public async Task BatchJob_OnABucketWrittenByAnotherClient_ReadsTheConnectorsObjectsAsTheyAre()
    {
        // As the Confluent S3 sink connector leaves a bucket (flush.size=2): objects named by topic, partition and first
        // offset, one value per line; here uploaded by the AWS CLI, which shares no code with the pipeline.
        using var cli = new S3AwsCli();
        var topic = EmulatorPayloads.PinTopic;
        await cli.UploadAsync(_bucket.Name, new Dictionary<string, string>
        {
            [$"topics/{topic}/partition=0/{topic}+0+0000000000.json"] = OperationsRecords.Pin(21) + "\n" + OperationsRecords.Pin(22) + "\n",
            [$"topics/{topic}/partition=0/{topic}+0+0000000002.json"] = OperationsRecords.Pin(23) + "\n",
            [$"topics/{topic}/partition=1/{topic}+1+0000000000.json"] = OperationsRecords.Pin(24) + "\n",
        });
        await using var server = await StartAsync();

        var run = (await server.Client.RunBatchJobAsync()).Ended;

        Counts(run).Should().Be(("succeeded", 3, 4, 0));
        foreach (var ind in new[] { 21, 22, 23, 24 })
        {
            (await server.Client.GetJsonAsync($"api/pins/{ind}")).GetProperty("ind").GetInt64().Should().Be(ind);
        }
    }

    private static string PrefixOf(string prefix) => prefix.Length == 0 ? "" : prefix + "/";

    private static (string Status, int Objects, long Rows, long Rejected) Counts(JsonElement run) => (
        run.GetProperty("status").GetString()!,
        run.GetProperty("objects_read").GetInt32(),
        run.GetProperty("rows_upserted").GetInt64(),
        run.GetProperty("rejected").GetInt64());

    private static async Task ProduceAsync(ApiServer server, string topic, params string[] rows)
    {
        var answer = await HttpExchange.SendAsync(server.Client, HttpMethod.Post, $"topics/{topic}", EmulatorPayloads.KafkaJson, EmulatorPayloads.Produce(rows));
        answer.Status.Should().Be(HttpStatusCode.OK, answer.ToString());
    }

    private Task<ApiServer> StartAsync(string prefix = "")
    {
        var settings = EmulatorPayloads.Settings();
        foreach (var (key, value) in _bucket.Settings(prefix))
        {
            settings[key] = value;
        }

        return ApiServer.StartAsync(settings);
    }
}
