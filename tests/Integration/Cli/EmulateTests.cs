using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Pinterest.Modular.Application.Persistence;
using Pinterest.Modular.Application.Routing;
using Pinterest.Modular.Domain.Common;

namespace Pinterest.Modular.Tests.Integration.Cli;

/// <summary><c>emulate</c> as a child process, posting over HTTP to the real API or to a recorder that keeps every request.</summary>
[Collection(CliTestGroup.Name)]
public sealed class EmulateTests(EmulateSource source) : IClassFixture<EmulateSource>
{
    private const string Key = "k-123";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private static readonly RecordKind[] Kinds = [RecordKind.Pin, RecordKind.Geo, RecordKind.User];

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    public async Task Emulate_BatchMode_AgainstTheApi_AcknowledgesEveryRecord_AndLandsEachRowAsTheSourceHoldsIt(int recordsPerRequest)
    {
        const int events = 30;
        await using var server = await ApiServer.StartAsync(new Dictionary<string, string?> { ["Sink:FlushSize"] = "1" });

        var output = (await EmulateAsync(server.BaseAddress, "batch", "--events", $"{events}", "--concurrency", "4", "--records-per-request", $"{recordsPerRequest}"))
            .ShouldSucceed();

        var requestsPerKind = (events + recordsPerRequest - 1) / recordsPerRequest;
        EmulateSummary.From(output).Should().BeEquivalentTo(new { Sent = 3L * events, Acknowledged = 3L * events, Failed = 0L, Requests = 3L * requestsPerKind });
        output.StderrUnwrapped.Should().Contain($"Posted {events} events").And.Contain(" 0 failed");
        await Poll.UntilAsync(async () => (await ProgressAsync(server, Route.Batch)).All(p => p.Landed == events), "every topic lands the 30 rows", Deadline);
        foreach (var kind in Kinds)
        {
            var expected = await Task.WhenAll(Enumerable.Range(0, events).Select(offset => source.RowAsync(kind, offset)));
            LandedLines(server, kind).Should().BeEquivalentTo(expected, "the {0} topic lands each row exactly as sent", kind);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task Emulate_StreamMode_AgainstTheApi_AcknowledgesEveryRecord_AndTheStreamRouteStoresEachRow(int recordsPerRequest)
    {
        const int events = 20;
        await using var server = await ApiServer.StartAsync();

        var output = (await EmulateAsync(server.BaseAddress, "stream", "--events", $"{events}", "--concurrency", "3", "--records-per-request", $"{recordsPerRequest}"))
            .ShouldSucceed();

        EmulateSummary.From(output).Should().BeEquivalentTo(new { Sent = 3L * events, Acknowledged = 3L * events, Failed = 0L });
        await Poll.UntilAsync(
            async () => await CountsAsync(server) is { Pins: events, Geo: events, Users: events },
            "the stream route stores every posted row", Deadline);
        var warehouse = Path.Combine(server.DataDir, "warehouse.db");
        foreach (var table in new[] { "pins", "geo", "users" })
        {
            SqliteFile.Keys(warehouse, table, "ind").Should().Equal(Enumerable.Range(0, events).Select(i => (long)i), "{0} holds events 0..{1}", table, events - 1);
        }

        (await CountsAsync(server)).Rejected.Should().Be(0);
    }

    [Fact]
    public async Task Emulate_BatchMode_SendsOneRestProxyProducePerRow_UnderTheInvokeUrlsStage_WithTheApiKey()
    {
        await using var api = await RecordingApi.StartAsync();

        (await EmulateAsync(new Uri(api.BaseAddress, "test"), "batch", "--events", "2", "--api-key", Key)).ShouldSucceed();

        var expected = new List<RecordedRequest>();
        for (var offset = 0; offset < 2; offset++)
        {
            foreach (var kind in Kinds)
            {
                var body = $$"""{"records":[{"value":{{await source.RowAsync(kind, offset)}}}]}""";
                expected.Add(new RecordedRequest("POST", $"/test/topics/pinterest.{kind.Name}", "application/vnd.kafka.json.v2+json", Key, [.. System.Text.Encoding.UTF8.GetBytes(body)]));
            }
        }

        ShouldBeTheSame(api.Requests, expected);
    }

    [Fact]
    public async Task Emulate_StreamMode_PutsOneKinesisRecordPerRow_WithThePathsStreamNameAndTheAwsPartitionKey()
    {
        await using var api = await RecordingApi.StartAsync();

        (await EmulateAsync(new Uri(api.BaseAddress, "prod/"), "stream", "--events", "1", "--api-key", Key)).ShouldSucceed();

        var expected = new List<RecordedRequest>();
        foreach (var kind in Kinds)
        {
            var stream = $"streaming-pinterest-{kind.Name}";
            var body = $$"""{"StreamName":"{{stream}}","Data":{{await source.RowAsync(kind, 0)}},"PartitionKey":"partition-1"}""";
            expected.Add(new RecordedRequest("PUT", $"/prod/streams/{stream}/record", "application/json", Key, [.. System.Text.Encoding.UTF8.GetBytes(body)]));
        }

        ShouldBeTheSame(api.Requests, expected);
    }

    [Fact]
    public async Task Emulate_StreamModeWithSeveralRecordsPerRequest_PutsThemAsOneKinesisPutRecords()
    {
        await using var api = await RecordingApi.StartAsync();

        (await EmulateAsync(api.BaseAddress, "stream", "--events", "2", "--records-per-request", "2")).ShouldSucceed();

        var expected = new List<RecordedRequest>();
        foreach (var kind in Kinds)
        {
            var body = $$"""{"records":[{"data":{{await source.RowAsync(kind, 0)}},"partition-key":"partition-1"},{"data":{{await source.RowAsync(kind, 1)}},"partition-key":"partition-1"}]}""";
            expected.Add(new RecordedRequest("PUT", $"/streams/streaming-pinterest-{kind.Name}/records", "application/json", null, [.. System.Text.Encoding.UTF8.GetBytes(body)]));
        }

        ShouldBeTheSame(api.Requests, expected);
    }

    [Fact]
    public async Task Emulate_WithPartitionKeyInd_KeysEachKinesisRecordByItsRow_AndRandomByNewKeys()
    {
        await using var api = await RecordingApi.StartAsync();

        (await EmulateAsync(api.BaseAddress, "stream", "--events", "2", "--records-per-request", "2", "--partition-key", "ind")).ShouldSucceed();
        (await EmulateAsync(api.BaseAddress, "stream", "--events", "2", "--records-per-request", "2", "--partition-key", "random")).ShouldSucceed();

        var keys = api.Requests
            .Select(r => System.Text.Json.JsonDocument.Parse(r.Body).RootElement.GetProperty("records").EnumerateArray()
                .Select(e => e.GetProperty("partition-key").GetString()!).ToList())
            .ToList();
        keys.Should().HaveCount(6);
        keys.Take(3).Should().AllSatisfy(k => k.Should().Equal("0", "1"));
        keys.Skip(3).SelectMany(k => k).Should().OnlyHaveUniqueItems().And.OnlyContain(k => k.Length == 32);
    }

    [Fact]
    public async Task Emulate_WithAStartOffset_ReadsTheSourceFromThatRowOn()
    {
        await using var api = await RecordingApi.StartAsync();

        (await EmulateAsync(api.BaseAddress, "stream", "--events", "2", "--records-per-request", "2", "--partition-key", "ind", "--start-offset", "5")).ShouldSucceed();

        api.Requests.Should().HaveCount(3).And.AllSatisfy(r => System.Text.Json.JsonDocument.Parse(r.Body).RootElement.GetProperty("records")
            .EnumerateArray().Select(e => e.GetProperty("partition-key").GetString()).Should().Equal("5", "6"));
    }

    [Fact]
    public async Task Emulate_WithADurationAndNoEventCount_PostsUntilTheDurationHasPassed()
    {
        await using var api = await RecordingApi.StartAsync();
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var output = (await EmulateAsync(api.BaseAddress, "stream", "--duration", "00:00:03", "--rate", "10")).ShouldSucceed();

        clock.Elapsed.Should().BeGreaterThan(TimeSpan.FromSeconds(3));
        var events = api.Requests.Count / 3;
        events.Should().BeInRange(10, 40, "about 10 events a second for 3 s");
        api.Requests.Should().HaveCount(3 * events, "each event is a pin, a geo and a user row");
        output.StderrUnwrapped.Should().Contain($"Posted {events:N0} events");
    }

    [Fact]
    public async Task Emulate_WithTheUrlAndKeyInConfiguration_PostsThereWithThatKey()
    {
        await using var api = await RecordingApi.StartAsync();

        var output = await CliProcess.RunAsync(new CliCall(["emulate", "--mode", "batch", "--events", "1", "--data-dir", source.DataDir])
        {
            Environment = new Dictionary<string, string> { ["Emulator__Api"] = api.BaseAddress.ToString(), ["Emulator__ApiKey"] = "from-env" },
        });

        output.ShouldSucceed();
        api.Requests.Should().HaveCount(3).And.OnlyContain(r => r.ApiKey == "from-env");
    }

    [Fact]
    public async Task Emulate_RandomWithASeed_PostsTheSameRowsEveryRun_AndAnotherSeedOthers()
    {
        var first = await RandomKeysAsync(seed: 7);
        var again = await RandomKeysAsync(seed: 7);
        var other = await RandomKeysAsync(seed: 8);

        again.Should().Equal(first);
        other.Should().NotEqual(first);
        first.Should().NotEqual(Enumerable.Range(0, first.Count).Select(i => (long)i), "--random does not post in order");
        first.Should().OnlyContain(k => k >= 0 && k < EmulateSource.Rows, "offsets stay inside the source table");
    }

    public static TheoryData<string, int, string, string[]> RefusingAnswers => new()
    {
        { "batch", 404, """{"error_code":40401,"message":"Topic not found."}""", ["404", "40401", "Topic not found."] },
        { "batch", 200, """{"offsets":[{"partition":null,"offset":null,"error_code":50003,"error":"broker gone"}],"key_schema_id":null,"value_schema_id":null}""", ["1 of 1 records failed", "50003", "broker gone"] },
        { "stream", 200, """{"__type":"ResourceNotFoundException","message":"Stream gone."}""", ["ResourceNotFoundException", "Stream gone."] },
        { "stream", 503, """{"__type":"ServiceUnavailableException","message":"try later"}""", ["503", "try later"] },
    };

    [Theory]
    [MemberData(nameof(RefusingAnswers))]
    public async Task Emulate_WhenTheApiRefusesRecords_CountsThemFailed_ReportsWhy_AndExitsOne(string mode, int status, string answer, string[] phrases)
    {
        await using var api = await RecordingApi.StartAsync(_ => (status, answer));

        var output = await EmulateAsync(api.BaseAddress, mode, "--events", "2");

        output.ShouldFailWith(1, phrases);
        EmulateSummary.From(output).Should().BeEquivalentTo(new { Sent = 6L, Acknowledged = 0L, Failed = 6L, Requests = 6L });
    }

    [Fact]
    public async Task Emulate_WhenTheServerNamesItsTopicsOtherwise_FailsEveryRecordWithTheRestProxysNotFound()
    {
        await using var server = await ApiServer.StartAsync(new Dictionary<string, string?> { ["Pipeline:TopicPrefix"] = "0eb84f80c29b" });

        var output = await EmulateAsync(server.BaseAddress, "batch", "--events", "1");

        output.ShouldFailWith(1, "404", "40401", "pinterest.pin");
        EmulateSummary.From(output).Should().BeEquivalentTo(new { Sent = 3L, Acknowledged = 0L, Failed = 3L });
    }

    [Fact]
    public async Task Emulate_WhenNothingListens_CountsEveryRecordFailed_WithTheNetworkError()
    {
        Uri closed;
        await using (var api = await RecordingApi.StartAsync())
        {
            closed = api.BaseAddress;
        }

        var output = await EmulateAsync(closed, "stream", "--events", "2", "--concurrency", "2");

        output.ShouldFailWith(1, closed.Authority);
        EmulateSummary.From(output).Should().BeEquivalentTo(new { Sent = 6L, Acknowledged = 0L, Failed = 6L });
    }

    public static TheoryData<string, string> BadOptions => new()
    {
        { "--mode batch", "--api is required" },
        { "--api ftp://example.com --mode batch", "--api 'ftp://example.com' is not an http:// or https:// URL" },
        { "--api not-a-url --mode batch", "--api 'not-a-url'" },
        { "--api http://127.0.0.1:1/test?x=1 --mode batch", "must not carry a query" },
        { "--api http://127.0.0.1:1", "--mode is required" },
        { "--api http://127.0.0.1:1 --mode kafka", "--mode 'kafka' is not a mode; use batch or stream" },
        { "--api http://127.0.0.1:1 --mode batch --events 0", "--events must be at least 1" },
        { "--api http://127.0.0.1:1 --mode stream --rate 0", "--rate must be above 0" },
        { "--api http://127.0.0.1:1 --mode batch --concurrency 0", "--concurrency must be 1..256" },
        { "--api http://127.0.0.1:1 --mode batch --records-per-request 501", "--records-per-request must be 1..500" },
        { "--api http://127.0.0.1:1 --mode batch --seed 3", "--seed only applies with --random" },
        { "--api http://127.0.0.1:1 --mode batch --duration 00:00:00", "--duration must be above 0" },
        { "--api http://127.0.0.1:1 --mode batch --start-offset -1", "--start-offset must be 0 or more" },
        { "--api http://127.0.0.1:1 --mode batch --random --start-offset 3", "--start-offset does not apply with --random" },
        { "--api http://127.0.0.1:1 --mode stream --partition-key hot", "--partition-key 'hot' is not a choice; use fixed, ind or random" },
        { "--api http://127.0.0.1:1 --mode batch --api-key clé", "--api-key (config Emulator:ApiKey) may hold only visible ASCII characters" },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public async Task Emulate_WithABadOption_ExitsTwoWithAMessageNamingIt_WithoutRunning(string options, string phrase)
    {
        using var dataDir = new TempDir();

        var output = await CliProcess.RunAsync(["emulate", .. options.Split(' '), "--data-dir", dataDir.Path]);

        output.ShouldFailWith(2, phrase);
        output.Stdout.Should().BeEmpty();
    }

    private Task<CliOutput> EmulateAsync(Uri api, string mode, params string[] options) =>
        CliProcess.RunAsync(["emulate", "--api", api.ToString(), "--mode", mode, "--data-dir", source.DataDir, .. options]);

    private async Task<List<long>> RandomKeysAsync(int seed)
    {
        await using var api = await RecordingApi.StartAsync();
        (await EmulateAsync(api.BaseAddress, "batch", "--events", "12", "--random", "--seed", $"{seed}", "--rate", "500")).ShouldSucceed();
        return [.. api.Requests.Where(r => r.Path.EndsWith(".pin", StringComparison.Ordinal)).Select(r =>
        {
            using var body = JsonDocument.Parse(r.Body);
            return body.RootElement.GetProperty("records")[0].GetProperty("value").GetProperty("index").GetInt64();
        })];
    }

    /// <summary>Request for request, with the body compared as text so a difference shows where it is.</summary>
    private static void ShouldBeTheSame(IReadOnlyList<RecordedRequest> actual, IReadOnlyList<RecordedRequest> expected)
    {
        actual.Select(r => (r.Method, r.Path, r.ContentType, r.ApiKey)).Should().Equal(expected.Select(r => (r.Method, r.Path, r.ContentType, r.ApiKey)));
        actual.Select(r => r.BodyText).Should().Equal(expected.Select(r => r.BodyText));
    }

    private static async Task<IReadOnlyList<DestinationProgress>> ProgressAsync(ApiServer server, Route route) =>
        [.. (await server.Services.GetRequiredService<IRouteMonitor>().GetProgressAsync(CancellationToken.None)).Where(p => p.Destination.Route == route)];

    private static async Task<TableCounts> CountsAsync(ApiServer server)
    {
        await using var scope = server.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IWarehouse>().CountAsync(CancellationToken.None);
    }

    private static List<string> LandedLines(ApiServer server, RecordKind kind) =>
        [.. Directory.EnumerateFiles(Path.Combine(server.DataDir, "landing", "topics", $"pinterest.{kind.Name}"), "*.json", SearchOption.AllDirectories)
            .SelectMany(File.ReadLines)
            .Where(line => line.Length > 0)];
}
